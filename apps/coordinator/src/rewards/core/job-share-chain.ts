/** A posted root as the chain holds it. */
export interface PostedRoot {
  root: string;
  /** Its postRoot transaction, or null when its event was not found. */
  txHash: string | null;
}

/** One job-share leaf on chain (Rewards pool 2). */
export interface JobShareChainLeaf {
  day: number;
  /** The node's address as bytes32. */
  beneficiary: string;
  amount: bigint;
}

/**
 * Port: what settling job shares needs from the chain (JobMarket and Rewards pool 2). The viem
 * adapter is `viem-job-share-chain.ts`; unit tests may fake it.
 */
export interface JobShareChain {
  /** A block's timestamp, Unix seconds. */
  blockTime(block: number): Promise<number>;
  /** JobMarket's challenge window, seconds. */
  challengeWindow(): Promise<number>;
  /** Each node's shares of the day and `totalSharesOf(day)`, all as of `block`. */
  shares(input: { day: number; nodes: readonly string[]; block: number }): Promise<{ byNode: { node: string; shares: bigint }[]; total: bigint }>;
  /** Rewards' `allowanceOf(day, 2)`. */
  allowance(day: number): Promise<bigint>;
  /** The root posted for the day in pool 2, or null when none is. */
  postedRoot(day: number): Promise<PostedRoot | null>;
  /** Posts the day's root in pool 2 (the oracle key); resolves once mined. */
  postRoot(input: { day: number; root: string; total: bigint }): Promise<{ txHash: string }>;
  isClaimed(leaf: JobShareChainLeaf): Promise<boolean>;
}
