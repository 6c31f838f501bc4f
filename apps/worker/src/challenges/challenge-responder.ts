import type { ChallengeKind } from '@tensorgrid/domain';

/** A challenge's kind-specific payload: plain JSON. */
export type JsonRecord = Record<string, unknown>;

/** A challenge the device has done its first part of (filled, computed, searched). */
export interface StartedChallenge {
  /** Sent in `challenge.ready`. */
  commitment: JsonRecord;
  /** Answers the coordinator's `challenge.query`. */
  answer(query: JsonRecord): Promise<JsonRecord>;
  /** Frees what the challenge holds (the filled memory). */
  release(): void;
}

/**
 * The worker's side of one challenge kind: the honest CPU or GPU path, or, in the fleet
 * simulator, an adversarial one. `start` validates the spec and throws a BaseError on a
 * spec it refuses.
 */
export interface ChallengeResponder {
  readonly kind: ChallengeKind;
  start(spec: JsonRecord): Promise<StartedChallenge>;
}
