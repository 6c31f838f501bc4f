import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainClients } from '@tensorgrid/chain';
import { withAnvil, type AnvilFixture } from './anvil-fixture';

describe('withAnvil', () => {
  let anvil: AnvilFixture;
  beforeAll(async () => {
    anvil = await withAnvil();
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('serves a fresh chain on a free local port', async () => {
    expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${anvil.port}`);
    const { publicClient } = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId });
    expect(await publicClient.getChainId()).toBe(31337);
    expect(await publicClient.getBlockNumber()).toBe(0n);
  });
});
