import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isBaseError } from '@tensorgrid/protocol';
import { deployGridToken } from '../actions/deploy-grid-token';
import { hasCode } from '../actions/has-code';
import { readTokenInfo } from '../actions/read-token-info';
import { createChainClients } from '../clients';
import { ANVIL_DEV_KEYS } from './dev-keys';
import { startAnvil, type AnvilInstance } from './start-anvil';

describe('startAnvil', () => {
  const running: AnvilInstance[] = [];
  let tmp: string;
  const start = async (params: Parameters<typeof startAnvil>[0] = {}): Promise<AnvilInstance> => {
    const anvil = await startAnvil(params);
    running.push(anvil);
    return anvil;
  };

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'tg-anvil-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((a) => a.stop()));
  });
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('starts on a free port with the given chain id and stops (twice is fine)', async () => {
    const anvil = await start({ chainId: 1337 });
    expect(anvil.chainId).toBe(1337);
    expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${anvil.port}`);
    expect(anvil.pid).toBeGreaterThan(0);
    const { publicClient } = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId });
    expect(await publicClient.getChainId()).toBe(1337);
    await anvil.stop();
    await anvil.stop();
    expect(() => process.kill(anvil.pid, 0)).toThrow();
  });

  it('fails with CHAIN_ERROR when the port is taken', async () => {
    const first = await start();
    const err = await startAnvil({ port: first.port }).catch((e: unknown) => e);
    expect(isBaseError(err) && err.code).toBe('CHAIN_ERROR');
    expect(isBaseError(err) && err.data.portInUse).toBe(true);
  });

  it('keeps the chain across a graceful restart with the same state file', async () => {
    const statePath = path.join(tmp, 'devnet', 'nested', 'state.json');
    const first = await start({ statePath });
    const clients = createChainClients({ rpcUrl: first.rpcUrl, chainId: first.chainId, privateKey: ANVIL_DEV_KEYS[0], pollingIntervalMs: 50 });
    const { address, blockNumber } = await deployGridToken(clients, { treasury: clients.account.address, admin: clients.account.address });
    await first.stop();
    expect(existsSync(statePath)).toBe(true);

    const second = await start({ statePath });
    const { publicClient } = createChainClients({ rpcUrl: second.rpcUrl, chainId: second.chainId });
    expect(await hasCode(publicClient, address)).toBe(true);
    expect(await publicClient.getBlockNumber()).toBeGreaterThanOrEqual(blockNumber);
    expect((await readTokenInfo(publicClient, { address })).totalSupply).toBe(500_000_000n * 10n ** 18n);
  });

  it('also dumps the state periodically, so a killed devnet keeps what came before the last dump', async () => {
    const statePath = path.join(tmp, 'killed', 'state.json');
    const first = await start({ statePath, stateIntervalSeconds: 1 });
    const clients = createChainClients({ rpcUrl: first.rpcUrl, chainId: first.chainId, privateKey: ANVIL_DEV_KEYS[0], pollingIntervalMs: 50 });
    const { address } = await deployGridToken(clients, { treasury: clients.account.address, admin: clients.account.address });
    // Wait for a periodic dump that holds the contract, however long the machine takes.
    const dumped = () => existsSync(statePath) && readFileSync(statePath, 'utf8').toLowerCase().includes(address.slice(2).toLowerCase());
    for (let i = 0; i < 600 && !dumped(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(dumped()).toBe(true);
    process.kill(first.pid, 'SIGKILL');
    await first.stop();

    const second = await start({ statePath });
    const { publicClient } = createChainClients({ rpcUrl: second.rpcUrl, chainId: second.chainId });
    expect(await hasCode(publicClient, address)).toBe(true);
  });

  it('starts an empty chain when the state file does not exist yet', async () => {
    const anvil = await start({ statePath: path.join(tmp, 'fresh', 'state.json') });
    const { publicClient } = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId });
    expect(await publicClient.getBlockNumber()).toBe(0n);
  });
});
