import type { LivenessChange } from './uptime';

/**
 * Port: each device's liveness history, the input of the time score, downtime per day and
 * block-reward nomination. Implementations keep every change durably; conformance suites run
 * them on SQLite and PostgreSQL.
 */
export interface LivenessHistoryStore {
  /** Appends a change; a change equal to the device's latest (up after up) is ignored. */
  recordChange(deviceId: string, change: LivenessChange): Promise<void>;
  /**
   * The device's changes in [fromMs, toMs), ascending, preceded by the last change before
   * fromMs (so the state at fromMs is known).
   */
  changes(deviceId: string, window: { fromMs: number; toMs: number }): Promise<LivenessChange[]>;
}
