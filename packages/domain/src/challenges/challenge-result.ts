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

/** Port: challenge outcomes, kept durably (conformance suites on SQLite and PostgreSQL). */
export interface ChallengeResultStore {
  record(result: ChallengeResult): Promise<void>;
  /** The device's results with issuedAt in [fromMs, toMs), newest first, at most `limit`. */
  list(deviceId: string, query: { fromMs: number; toMs: number; limit: number }): Promise<ChallengeResult[]>;
}
