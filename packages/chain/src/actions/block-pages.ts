import type { Chain, PublicClient, Transport } from 'viem';

/**
 * Blocks per `eth_getLogs` call in an event scan: public RPC providers cap the range of one
 * call (commonly 2,000 to 10,000 blocks), so scans over a long-lived chain go page by page.
 */
export const DEFAULT_LOG_PAGE_BLOCKS = 2000;

/** The blocks an event scan covers, and how many per call. */
export interface BlockPagesRange {
  fromBlock: bigint;
  /** Last block, inclusive. @default the head when the scan starts */
  toBlock?: bigint;
  /** @default {@link DEFAULT_LOG_PAGE_BLOCKS} */
  pageBlocks?: number;
  /** Page from the last block back (a search for a recent event stops early). @default false */
  newestFirst?: boolean;
}

/**
 * The consecutive block ranges (inclusive) that cover a scan, oldest first (or newest first),
 * each at most `pageBlocks` long; with newest first, the short page is the oldest. Nothing when `fromBlock` is past the last block (providers refuse a
 * range that starts beyond the head).
 * @param publicClient - reads the head when no `toBlock` is given
 * @param range - where the scan starts and ends, and the page size
 */
export async function* blockPages(publicClient: Pick<PublicClient<Transport, Chain>, 'getBlockNumber'>, range: BlockPagesRange): AsyncGenerator<{ fromBlock: bigint; toBlock: bigint }> {
  const size = BigInt(range.pageBlocks ?? DEFAULT_LOG_PAGE_BLOCKS);
  if (size < 1n) throw new RangeError(`pageBlocks must be at least 1, not ${range.pageBlocks}`);
  const last = range.toBlock ?? (await publicClient.getBlockNumber({ cacheTime: 0 }));
  if (range.newestFirst) {
    for (let to = last; to >= range.fromBlock; to -= size) yield { fromBlock: to - size + 1n > range.fromBlock ? to - size + 1n : range.fromBlock, toBlock: to };
    return;
  }
  for (let from = range.fromBlock; from <= last; from += size) yield { fromBlock: from, toBlock: from + size - 1n < last ? from + size - 1n : last };
}
