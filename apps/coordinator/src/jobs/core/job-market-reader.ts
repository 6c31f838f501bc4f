import type { IndexedJob, JobEventRecord } from '@tensorgrid/domain';

/** A job as read from the contract: everything the index stores except when it was posted. */
export type JobReading = Omit<IndexedJob, 'postedBlock' | 'updatedBlock'>;

/** The port the job indexer reads the JobMarket through (viem in production, a fake in unit tests). */
export interface JobMarketReader {
  /** The contract's address, lower-case. */
  readonly contract: string;
  /** The chain's latest block number. */
  head(): Promise<number>;
  /** The hash of the chain's block `block` (lower-case), or undefined when the chain has none (yet). */
  blockHash(block: number): Promise<string | undefined>;
  /** The job events of blocks `from`..`to`, inclusive, in chain order, each with its block's hash. */
  events(from: number, to: number): Promise<JobEventRecord[]>;
  /** A job as it was at `atBlock`. */
  job(jobId: bigint, atBlock: number): Promise<JobReading>;
}
