import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import type { Dataset, JobVerification } from '@tensorgrid/tensor';
import type { HeldOutOptions } from '@tensorgrid/verification';

/** A job on the market as the node sees it (from the coordinator's index or the contract). */
export interface MarketJob {
  jobId: bigint;
  fee: bigint;
  gas: bigint;
  /** Unix seconds. */
  deadline: number;
  /** 0x-prefixed hash of the job spec. */
  specHash: string;
}

/** A job the node holds, and the step a whistleblower disputes (a disputed job whose evidence names one). */
export type HeldJob = MarketJob & { state: 'accepted' | 'submitted' | 'rejected' | 'disputed'; disputedStep?: number };

/** The node's side of the JobMarket (chain writes with its own account, reads via the index). */
export interface JobMarketPort {
  /** Open jobs anyone may accept. */
  openJobs(): Promise<MarketJob[]>;
  /**
   * Jobs this node holds: accepted (to train), submitted (to answer challenges for), rejected
   * (to contest) or disputed (to open the disputed step, `disputedStep`, of a tolerant job).
   */
  myJobs(): Promise<HeldJob[]>;
  /** How many jobs the market lets the node run, and how many it runs. */
  capacity(): Promise<{ workers: number; running: number }>;
  /** Accepts with the deposit; returns the hash of the block that included it (the assignment beacon). */
  accept(jobId: bigint): Promise<{ beacon: string }>;
  /** The assignment beacon of a job this node accepted earlier (after a restart). */
  assignmentBeacon(jobId: bigint): Promise<string>;
  /**
   * Whether the block with this hash is still the chain's block at its height: false once a
   * reorganisation replaced it (an accept it held then sits in another block, under another beacon).
   */
  beaconStands(beacon: string): Promise<boolean>;
  /** The challenge beacon of a job this node submitted: the hash of the block that included its submit (the held-out draw comes from it). */
  challengeBeacon(jobId: bigint): Promise<string>;
  submit(jobId: bigint, root: string): Promise<void>;
  /**
   * Gives a job back (the decline penalty), e.g. when it cannot be finished in time; past its
   * deadline by the chain's clock, times it out instead (the same penalty, and the job ends
   * rather than reopening for nobody, since no node may accept it any more).
   */
  decline(jobId: bigint): Promise<void>;
  /** Contests a rejection: the referee re-runs the disputed step (losing costs the whole deposit). */
  contest(jobId: bigint): Promise<void>;
  /**
   * Ends a submitted job unverified when no verdict came by its `verifyBy` on chain (no verifier
   * took it): the deposit comes back. False while a verdict may still come.
   */
  expireIfUnverified(jobId: bigint): Promise<boolean>;
  /**
   * Of these jobs, those whose run the node no longer needs: closed on chain (settled, failed,
   * slashed, timed out, cancelled) or held by another node now.
   */
  closedJobs(jobIds: readonly bigint[]): Promise<bigint[]>;
}

/** A job spec resolved from its hash: the training spec and what it costs. */
export interface ResolvedSpec {
  /** The training spec (model, data, optimizer, sizes) as the tensor package parses it. */
  training: unknown;
  timeLimitSeconds: number;
  memoryBytes: number;
  /** Estimated training cost. */
  flops: number;
  /** The gas the spec costs (`jobGas`): a job posted with other gas is rejected by verifiers. */
  gas: bigint;
  /** How verifiers check it: exact replay, or tolerant within τ (then openings carry W_{t+1}). */
  verification: JobVerification;
  /** Loads the training split (checking its SHA-256 where it is a file). */
  dataset(): Promise<Dataset>;
  /** The held-out check the referee would run on the final model (`jobHeldOutOptions`); false when the job has none. */
  heldOut(): Promise<HeldOutOptions | false>;
}

/** Resolves spec hashes (the coordinator's spec store). */
export interface JobSpecPort {
  /** undefined when the spec is unknown or invalid: such jobs are never taken. */
  resolve(specHash: string): Promise<ResolvedSpec | undefined>;
}

/** The node's side of the challenge exchange. */
export interface ChallengePort {
  /** The job's challenge in its current verification round (a new round follows each contest the node won), if a verifier posted one. */
  challenge(jobId: bigint): Promise<{ round: number; steps: number[]; answered: number[]; respondBy: number } | undefined>;
  answer(jobId: bigint, step: number, opening: TransitionOpeningWire): Promise<void>;
  /** Publishes the run's step hashes h_0 … h_T (idempotent): verifiers require them, whistleblowers audit with them. */
  publishStepHashes(jobId: bigint, hashes: readonly string[]): Promise<void>;
  /**
   * Why the job was rejected, as the referee would judge a contest: the first failure of the
   * report published by the verifier that both challenged and rejected it (undefined: no such
   * report, and the referee would rule for the node), and when the coordinator received the
   * node's step hashes (undefined: never), Unix ms.
   */
  rejection(jobId: bigint): Promise<{ firstFailure: { kind: string; step: number } | undefined; stepHashesAt: number | undefined }>;
}
