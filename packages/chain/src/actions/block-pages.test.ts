import { describe, expect, it } from 'vitest';
import { blockPages, DEFAULT_LOG_PAGE_BLOCKS, type BlockPagesRange } from './block-pages';

const head = (block: bigint) => ({ getBlockNumber: async () => block });
const pagesOf = async (at: bigint, range: BlockPagesRange) => {
  const out: [bigint, bigint][] = [];
  for await (const p of blockPages(head(at), range)) out.push([p.fromBlock, p.toBlock]);
  return out;
};

describe('blockPages', () => {
  it('covers the range to the head in pages of at most pageBlocks, with no gap or overlap', async () => {
    expect(await pagesOf(10n, { fromBlock: 3n, pageBlocks: 3 })).toEqual([[3n, 5n], [6n, 8n], [9n, 10n]]);
    expect(await pagesOf(10n, { fromBlock: 0n, pageBlocks: 11 })).toEqual([[0n, 10n]]);
    expect(await pagesOf(10n, { fromBlock: 10n, pageBlocks: 4 })).toEqual([[10n, 10n]]);
  });

  it('pages from the last block back when asked for the newest first', async () => {
    expect(await pagesOf(10n, { fromBlock: 3n, pageBlocks: 3, newestFirst: true })).toEqual([[8n, 10n], [5n, 7n], [3n, 4n]]);
    expect(await pagesOf(10n, { fromBlock: 0n, pageBlocks: 11, newestFirst: true })).toEqual([[0n, 10n]]);
    expect(await pagesOf(5n, { fromBlock: 6n, newestFirst: true })).toEqual([]);
  });

  it('stops at toBlock when one is given, and pages by the default size', async () => {
    expect(await pagesOf(99_999n, { fromBlock: 1n, toBlock: 4n, pageBlocks: 2 })).toEqual([[1n, 2n], [3n, 4n]]);
    const pages = await pagesOf(5000n, { fromBlock: 0n });
    expect(pages).toEqual([[0n, BigInt(DEFAULT_LOG_PAGE_BLOCKS) - 1n], [BigInt(DEFAULT_LOG_PAGE_BLOCKS), 2n * BigInt(DEFAULT_LOG_PAGE_BLOCKS) - 1n], [2n * BigInt(DEFAULT_LOG_PAGE_BLOCKS), 5000n]]);
  });

  it('yields nothing when the scan starts past the head, and refuses an empty page size', async () => {
    expect(await pagesOf(5n, { fromBlock: 6n })).toEqual([]);
    await expect(pagesOf(5n, { fromBlock: 0n, pageBlocks: 0 })).rejects.toThrow('pageBlocks must be at least 1');
  });
});
