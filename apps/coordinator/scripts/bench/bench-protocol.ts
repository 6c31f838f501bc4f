/** Messages between the heartbeat benchmark and its load generators (over the fork IPC channel). */

/** Parent → load generator. */
export type ToLoad =
  | { type: 'connect'; url: string; concurrency: number }
  | { type: 'run'; phase: string; mode: 'rate' | 'max'; ratePerS: number; seconds: number }
  | { type: 'attack'; newSockets: number }
  | { type: 'finish' };

/** What one attack did: messages sent, heartbeats the coordinator accepted (must be 0), refusals by code. */
export interface AttackOutcome {
  sent: number;
  accepted: number;
  refused: Record<string, number>;
}

/** Replays on authenticated sessions, and forgeries (no hello; a replayed hello). */
export interface AttackReport {
  replayed: AttackOutcome;
  forged: AttackOutcome;
}

/** What one load generator saw in one phase. */
export interface PhaseReport {
  phase: string;
  sent: number;
  /** Acks received inside the phase's window. */
  acked: number;
  /** Acks that came after the window (in flight at its end). */
  ackedLate: number;
  refused: Record<string, number>;
  /** Heartbeats that could not be sent because their session still waited for an ack. */
  skipped: number;
  /** Ack latencies of heartbeats sent in the window, ms (rounded to 0.01). */
  latenciesMs: number[];
}

/** Load generator → parent. */
export type FromLoad =
  | { type: 'accounts'; addresses: string[]; signMs: number }
  | { type: 'connected'; sessions: number; failed: number; ms: number }
  | { type: 'phase'; report: PhaseReport }
  | { type: 'attacked'; report: AttackReport }
  | { type: 'seqs'; acked: Record<string, number> };
