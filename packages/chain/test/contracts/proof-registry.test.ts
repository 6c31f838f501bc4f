import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keccak256, parseEventLogs, toHex, zeroAddress, zeroHash, type Address, type Hex } from 'viem';
import { ANVIL_DEV_KEYS } from '../../src/anvil/dev-keys';
import { startAnvil, type AnvilInstance } from '../../src/anvil/start-anvil';
import { createChainClients, type WalletChainClients } from '../../src/clients';
import { commitProofRoot } from '../../src/actions/proof-registry/commit-proof-root';
import { deployProofRegistry } from '../../src/actions/proof-registry/deploy-proof-registry';
import { readProofCommitment } from '../../src/actions/proof-registry/read-proof-commitment';
import { verifyProof } from '../../src/actions/proof-registry/verify-proof';
import { proofRegistryAbi } from '../../src/generated/artifacts';
import { revertOf } from './rewards-fixture';

const ORACLE_ROLE = keccak256(toHex('ORACLE_ROLE'));

describe('ProofRegistry on anvil', () => {
  let anvil: AnvilInstance;
  let admin: WalletChainClients;
  let oracle: WalletChainClients;
  let stranger: WalletChainClients;
  let registry: Address;
  let snapshot: Hex;
  const request = <T>(method: string, params: unknown[] = []): Promise<T> => admin.publicClient.request({ method, params } as never) as Promise<T>;

  // Usage records: (device, seconds, amount).
  const tree = StandardMerkleTree.of(
    [
      [keccak256('0x01'), 3_600n, 10n],
      [keccak256('0x02'), 1_800n, 5n],
      [keccak256('0x03'), 60n, 1n],
    ],
    ['bytes32', 'uint64', 'uint256'],
  );
  const root = tree.root as Hex;

  beforeAll(async () => {
    anvil = await startAnvil();
    const base = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, pollingIntervalMs: 20 };
    [admin, oracle, stranger] = [0, 1, 2].map((i) => createChainClients({ ...base, privateKey: ANVIL_DEV_KEYS[i] as Hex })) as [WalletChainClients, WalletChainClients, WalletChainClients];
    registry = (await deployProofRegistry(admin, { admin: admin.account.address, oracle: oracle.account.address })).address;
    snapshot = await request<Hex>('evm_snapshot');
  });
  afterAll(async () => {
    await anvil?.stop();
  });
  beforeEach(async () => {
    await request('evm_revert', [snapshot]);
    snapshot = await request<Hex>('evm_snapshot');
  });

  const simulateCommit = (args: readonly [bigint, number, Hex, string], by: WalletChainClients) =>
    by.publicClient.simulateContract({ address: registry, abi: proofRegistryAbi, account: by.account, functionName: 'commit', args });

  it('commits a root once per (epoch, kind) and emits Committed', async () => {
    const result = await commitProofRoot(oracle, { address: registry, epoch: 7n, kind: 0, root, uri: 'https://explorer/v1/proofs/7/0' });
    const receipt = await admin.publicClient.getTransactionReceipt({ hash: result.txHash });
    const [event] = parseEventLogs({ abi: proofRegistryAbi, eventName: 'Committed', logs: receipt.logs });
    expect(event?.args).toEqual({ epoch: 7n, kind: 0, root, uri: 'https://explorer/v1/proofs/7/0' });
    const block = await admin.publicClient.getBlock({ blockNumber: result.blockNumber });
    expect(await readProofCommitment(admin, { address: registry, epoch: 7n, kind: 0 })).toEqual({ root, uri: 'https://explorer/v1/proofs/7/0', committedAt: block.timestamp });
    expect(await readProofCommitment(admin, { address: registry, epoch: 7n, kind: 1 })).toBeUndefined();
    // Another kind of the same epoch is independent.
    await commitProofRoot(oracle, { address: registry, epoch: 7n, kind: 1, root, uri: '' });

    expect(await revertOf(simulateCommit([7n, 0, keccak256('0x09'), 'x'], oracle), proofRegistryAbi)).toEqual({ name: 'ProofRegistryAlreadyCommitted', args: ['7', 0] });
    const err = await commitProofRoot(oracle, { address: registry, epoch: 7n, kind: 0, root, uri: '' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROOF_ALREADY_COMMITTED', retryable: false });
  });

  it('verifies every leaf of the committed tree and nothing else', async () => {
    await commitProofRoot(oracle, { address: registry, epoch: 3n, kind: 2, root, uri: 'ipfs://x' });
    for (const [i, value] of tree.entries()) {
      const leaf = tree.leafHash(value) as Hex;
      expect(await verifyProof(admin, { address: registry, epoch: 3n, kind: 2, leaf, proof: tree.getProof(i) as Hex[] })).toBe(true);
      // Wrong (epoch, kind) or an uncommitted one: false.
      expect(await verifyProof(admin, { address: registry, epoch: 4n, kind: 2, leaf, proof: tree.getProof(i) as Hex[] })).toBe(false);
      expect(await verifyProof(admin, { address: registry, epoch: 3n, kind: 1, leaf, proof: tree.getProof(i) as Hex[] })).toBe(false);
    }
    const forged = tree.leafHash([keccak256('0x01'), 3_600n, 11n]) as Hex;
    expect(await verifyProof(admin, { address: registry, epoch: 3n, kind: 2, leaf: forged, proof: tree.getProof(0) as Hex[] })).toBe(false);
    expect(await verifyProof(admin, { address: registry, epoch: 3n, kind: 2, leaf: tree.leafHash(tree.at(0) ?? []) as Hex, proof: tree.getProof(1) as Hex[] })).toBe(false);
  });

  it('refuses a zero root: ProofRegistryZeroRoot', async () => {
    expect(await revertOf(simulateCommit([1n, 0, zeroHash, ''], oracle), proofRegistryAbi)).toEqual({ name: 'ProofRegistryZeroRoot', args: ['1', 0] });
    const err = await commitProofRoot(oracle, { address: registry, epoch: 1n, kind: 0, root: zeroHash, uri: '' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', data: { errorName: 'ProofRegistryZeroRoot' } });
  });

  it('is ORACLE_ROLE only: AccessControlUnauthorizedAccount (FORBIDDEN through the action)', async () => {
    for (const who of [stranger, admin]) {
      expect(await revertOf(simulateCommit([1n, 0, root, ''], who), proofRegistryAbi)).toEqual({ name: 'AccessControlUnauthorizedAccount', args: [who.account.address, ORACLE_ROLE] });
    }
    const err = await commitProofRoot(stranger, { address: registry, epoch: 1n, kind: 0, root, uri: '' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    const grant = stranger.publicClient.simulateContract({ address: registry, abi: proofRegistryAbi, account: stranger.account, functionName: 'grantRole', args: [ORACLE_ROLE, stranger.account.address] });
    expect((await revertOf(grant, proofRegistryAbi))?.name).toBe('AccessControlUnauthorizedAccount');
  });

  it('refuses zero addresses at deployment: ProofRegistryZeroAddress', async () => {
    for (const params of [{ admin: zeroAddress, oracle: oracle.account.address }, { admin: admin.account.address, oracle: zeroAddress }]) {
      const err = await deployProofRegistry(admin, params).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'VALIDATION_FAILED', data: { errorName: 'ProofRegistryZeroAddress' } });
    }
  });

  it('gas of commit', async () => {
    const { gasUsed } = await commitProofRoot(oracle, { address: registry, epoch: 9n, kind: 0, root, uri: 'https://explorer.tensorgrid.dev/v1/proofs/9/0' });
    expect(gasUsed).toBeLessThan(150_000n);
  });
});
