/** The hardware challenges the coordinator issues. */
export const CHALLENGE_KINDS = ['memory', 'compute', 'pow'] as const;
/** One hardware challenge kind. */
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

/** The outcome of one hardware challenge, as the coordinator records it. */
export interface ChallengeResult {
  id: string;
  deviceId: string;
  kind: ChallengeKind;
  /** ms since the Unix epoch. */
  issuedAt: number;
  finishedAt: number;
  passed: boolean;
  /** Why it failed (`deadline-missed`, `wrong-answer`, `no-answer`, ...), or null. */
  reason: string | null;
  /** What was measured (elapsed ms, bytes, rate, ...), for the explorer and the quality score. */
  metrics: Record<string, number>;
}

/** Where a page of challenge results resumes: the last result of the page before. */
export interface ChallengeResultKey {
  issuedAt: number;
  id: string;
}

/** Port: challenge outcomes, kept durably (conformance suites on SQLite and PostgreSQL). */
export interface ChallengeResultStore {
  record(result: ChallengeResult): Promise<void>;
  /**
   * The device's results with issuedAt in [fromMs, toMs), newest first (issuedAt, then id, both
   * descending), at most `limit`; with `before`, only those after it in that order (a keyset page).
   */
  list(deviceId: string, query: { fromMs: number; toMs: number; limit: number; before?: ChallengeResultKey }): Promise<ChallengeResult[]>;
}
