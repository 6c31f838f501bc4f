import type { ChallengeKind, DeviceRecord, SeedHex } from '@tensorgrid/domain';

/** A challenge's kind-specific payload: plain JSON. */
export type JsonRecord = Record<string, unknown>;

/** How one challenge ended. */
export interface ChallengeVerdict {
  passed: boolean;
  /** Why it failed, or null. */
  reason: string | null;
  metrics: Record<string, number>;
}

/** After the device's `challenge.ready`: ask it something, or decide. */
export type ReadyOutcome = { kind: 'query'; query: JsonRecord } | { kind: 'verdict'; verdict: ChallengeVerdict };

/** A planned challenge: what the device is sent, and how long the whole challenge may take. */
export interface PlannedChallenge {
  spec: JsonRecord;
  /** After this long without a verdict the challenge fails with `no-answer`. */
  timeoutMs: number;
}

/**
 * The coordinator's side of one challenge kind, over the pure rules in `@tensorgrid/domain`.
 * The runner owns sessions, timing and storage; an adapter only sizes, asks and judges.
 * Payloads come from the device: an adapter validates them and fails the challenge with
 * `malformed-answer` rather than throwing.
 */
export interface ChallengeKindAdapter {
  readonly kind: ChallengeKind;
  /**
   * Sizes a challenge to what the device claims; null when the kind does not apply to it.
   * @param input - the device and the challenge's public seed (32 bytes, hex)
   */
  plan(input: { device: DeviceRecord; seed: SeedHex }): PlannedChallenge | null;
  /**
   * Judges `challenge.ready`, or asks back.
   * @param input - the spec sent, a secret seed for drawing the query, the device's commitment and the ms since issue
   */
  onReady(input: { spec: JsonRecord; querySeed: SeedHex; commitment: JsonRecord; elapsedMs: number }): ReadyOutcome;
  /**
   * Judges `challenge.answer` (kinds that ask back); may take seconds of CPU off the event
   * loop (see `checks/challenge-checks.ts`).
   * @param input - spec, commitment, the query sent, the device's answer, the ms since the query and the ms from issue to ready
   */
  onAnswer?(input: { spec: JsonRecord; querySeed: SeedHex; commitment: JsonRecord; query: JsonRecord; answer: JsonRecord; elapsedMs: number; readyElapsedMs: number }): Promise<ChallengeVerdict>;
}

/** The challenge kinds a coordinator runs, by the kind of device their policies are sized for. */
export interface ChallengeAdapterSet {
  /** GPU workers: sized to their cards. */
  gpu: readonly ChallengeKindAdapter[];
  /** CPU workers: sized to the cores they offer and their RAM. */
  cpu: readonly ChallengeKindAdapter[];
  /** Devices flagged simulated (the devnet's fleet): scaled so one CPU can prove a whole fleet. */
  simulated: readonly ChallengeKindAdapter[];
}
