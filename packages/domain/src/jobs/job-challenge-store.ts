/**
 * A verifier's challenge of one submitted job in one verification round: the transitions
 * t → t+1 it drew, the beacon it drew them from, and until when the node may answer. Times
 * are Unix milliseconds.
 */
export interface JobChallenge {
  jobId: bigint;
  /**
   * The job's verification round: 0, plus one for every contested rejection the node won
   * (the referee overturned the verifier, and the job went back to `submitted` for another
   * verdict by another verifier).
   */
  round: number;
  /** Lower-case address of the verifier that posted it. */
  verifier: string;
  steps: number[];
  /** 0x-prefixed 32-byte hex. */
  beacon: string;
  issuedAt: number;
  respondBy: number;
}

/** A node's answer to one challenged transition: the opening as received (JSON text), write-once. */
export interface StoredOpening {
  jobId: bigint;
  step: number;
  /** The opening's JSON exactly as validated. */
  body: string;
  receivedAt: number;
}

/** A verifier's report on one job in one round (JSON text as validated), published before its verdict, write-once. */
export interface StoredVerdictReport {
  jobId: bigint;
  /** The round of the challenge it reports on. */
  round: number;
  /** Lower-case address of the verifier that published it. */
  verifier: string;
  body: string;
  receivedAt: number;
}

/**
 * A node's published step hashes h_0 … h_T (the leaves under its committed result root),
 * write-once: whistleblowers build proofs of unopened transitions from them (an audit).
 */
export interface StoredStepHashes {
  jobId: bigint;
  /** h_0 … h_T, 64 lower-case hex characters each. */
  hashes: string[];
  receivedAt: number;
}

/**
 * A whistleblower's opening of one transition it audited (JSON text as validated): the
 * referee re-runs it when the whistleblower disputes an unopened step. One per job and
 * auditor, write-once.
 */
export interface StoredAuditOpening {
  jobId: bigint;
  /** Lower-case address of the auditor that signed it. */
  auditor: string;
  step: number;
  body: string;
  receivedAt: number;
}

/**
 * Where the coordinator keeps the challenge exchange. One challenge and one verdict report per
 * job and round (the first verifier's; the same verifier may repeat it unchanged); one
 * opening per step, never overwritten, whatever the round (a node's answer does not change).
 */
export interface JobChallengeStore {
  /**
   * Stores a job's challenge for its round unless the round already has one.
   * @returns `created`, `same` (this exact challenge was stored before) or the other challenge
   */
  putChallenge(challenge: JobChallenge): Promise<{ kind: 'created' } | { kind: 'same' } | { kind: 'taken'; existing: JobChallenge }>;
  /** The job's challenge in a round, if any. */
  getChallenge(jobId: bigint, round: number): Promise<JobChallenge | undefined>;
  /** Every challenge of the job, by round. */
  challengesOf(jobId: bigint): Promise<JobChallenge[]>;
  /**
   * Stores an opening unless one is stored for that step.
   * @returns `stored`, `same` (identical body stored before) or `conflict` (a different body is kept)
   */
  putOpening(opening: StoredOpening): Promise<'stored' | 'same' | 'conflict'>;
  /** One step's opening, if answered. */
  getOpening(jobId: bigint, step: number): Promise<StoredOpening | undefined>;
  /** The steps of a job answered so far, ascending. */
  answeredSteps(jobId: bigint): Promise<number[]>;
  /**
   * Stores a job's verdict report for its round unless one is stored.
   * @returns `stored`, `same` (identical body from the same verifier stored before) or `conflict` (another is kept)
   */
  putVerdictReport(report: StoredVerdictReport): Promise<'stored' | 'same' | 'conflict'>;
  /** The job's verdict report in a round, if published. */
  getVerdictReport(jobId: bigint, round: number): Promise<StoredVerdictReport | undefined>;
  /**
   * Stores a job's step hashes unless some are stored.
   * @returns `stored`, `same` (identical hashes stored before) or `conflict` (others are kept)
   */
  putStepHashes(published: StoredStepHashes): Promise<'stored' | 'same' | 'conflict'>;
  /** The job's published step hashes, if any. */
  getStepHashes(jobId: bigint): Promise<StoredStepHashes | undefined>;
  /**
   * Stores an auditor's opening of a job unless that auditor stored one.
   * @returns `stored`, `same` (identical step and body stored before) or `conflict` (another is kept)
   */
  putAuditOpening(opening: StoredAuditOpening): Promise<'stored' | 'same' | 'conflict'>;
  /** The auditor's opening of the job, if any. */
  getAuditOpening(jobId: bigint, auditor: string): Promise<StoredAuditOpening | undefined>;
}
