import { parseAbi, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleId } from '../actions/access/grant-role';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from '../anvil/dev-keys';
import { startAnvil, type AnvilInstance } from '../anvil/start-anvil';
import { createChainClients } from '../clients';
import { deployNetwork, type NetworkContracts } from './deploy-network';

const hasRoleAbi = parseAbi(['function hasRole(bytes32 role, address account) view returns (bool)']);

describe('deployNetwork', () => {
  let anvil: AnvilInstance;
  let contracts: NetworkContracts;
  const steps: string[] = [];
  const admin = ANVIL_DEV_ADDRESSES[0]!;
  const oracle = ANVIL_DEV_ADDRESSES[1]!;
  const stranger = ANVIL_DEV_ADDRESSES[2]!;

  beforeAll(async () => {
    anvil = await startAnvil();
    const clients = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[0]!, pollingIntervalMs: 20 });
    contracts = await deployNetwork(clients, { admin, oracle }, (step) => steps.push(step));
  });
  afterAll(async () => anvil?.stop());

  const hasRole = async (contract: Address, role: string, account: Address) => {
    const { publicClient } = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId });
    return publicClient.readContract({ address: contract, abi: hasRoleAbi, functionName: 'hasRole', args: [roleId(role), account] });
  };

  it('deploys every contract at a distinct address, reporting progress', async () => {
    const { publicClient } = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId });
    const addresses = Object.values(contracts);
    expect(new Set(addresses).size).toBe(9);
    for (const address of addresses) expect(((await publicClient.getCode({ address })) ?? '0x').length).toBeGreaterThan(2);
    expect(steps.length).toBeGreaterThanOrEqual(5);
  });

  it('wires the roles: Rewards mints, the oracle operates, Leases slashes, and nobody else', async () => {
    const expected: [keyof NetworkContracts, string, Address][] = [
      ['GridToken', 'MINTER_ROLE', contracts.Rewards],
      ['Staking', 'REGISTRAR_ROLE', oracle],
      ['Staking', 'SLASHER_ROLE', oracle],
      ['Staking', 'SLASHER_ROLE', contracts.Leases],
      ['Staking', 'APPEALS_ROLE', admin],
      ['FeeVault', 'KEEPER_ROLE', oracle],
      ['Leases', 'ORACLE_ROLE', oracle],
      ['Rewards', 'ORACLE_ROLE', oracle],
      ['ProofRegistry', 'ORACLE_ROLE', oracle],
      ['JobMarket', 'ORACLE_ROLE', oracle],
      ['JobMarket', 'VERIFIER_ROLE', oracle],
      ['JobMarket', 'REFEREE_ROLE', oracle],
    ];
    for (const [contract, role, account] of expected) expect(await hasRole(contracts[contract], role, account), `${contract} ${role}`).toBe(true);
    for (const [contract, role] of expected) expect(await hasRole(contracts[contract], role, stranger), `${contract} ${role} (stranger)`).toBe(false);
  });
});
