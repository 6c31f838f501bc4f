import { CONTRACTS_SOURCE_HASH } from '@tensorgrid/chain';
import { withAnvil, type AnvilFixture } from '@tensorgrid/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareContracts } from './prepare-contracts';

describe('prepareContracts on anvil', () => {
  let anvil: AnvilFixture;
  beforeAll(async () => {
    anvil = await withAnvil();
  }, 60_000);
  afterAll(async () => anvil?.stop());

  it('deploys afresh over contracts still on the chain when they were built from other sources (the devnet\'s restart reuses only the same build)', async () => {
    const first = await prepareContracts({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId });
    expect(first).toMatchObject({ reused: false, sourceHash: CONTRACTS_SOURCE_HASH });
    const stale = await prepareContracts({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, previous: { contracts: first.contracts, deployBlock: first.deployBlock, sourceHash: `0x${'00'.repeat(32)}` } });
    expect(stale.reused).toBe(false);
    expect(stale.contracts.Staking).not.toBe(first.contracts.Staking);
    expect(stale.deployBlock).toBeGreaterThan(first.deployBlock);
  }, 120_000);
});
