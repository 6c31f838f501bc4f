import { countedChallenges, MISS_CONFIRMATION_WINDOW_MS, type CountableChallenge } from '../challenges/counted-challenges';
import { DEFAULT_SCORE_THRESHOLD } from '../supply/quality-score';
import { upMillis, type LivenessChange } from '../supply/uptime';

/** Why a device was not nominated for a block: every criterion it failed, with the numbers. */
export type MissCriterion =
  /** Up less than the policy's share of the block. */
  | { code: 'not-up'; upMs: number; requiredMs: number }
  /** Its continuous uptime at the block's start was shorter than required (a restart or churn resets it). */
  | { code: 'uptime-streak-short'; streakMs: number; requiredMs: number }
  /** Challenges failed in the look-back window. */
  | { code: 'challenges-failed'; failed: number; allowed: number }
  /** No challenge passed in the look-back window. */
  | { code: 'no-challenge-passed'; lookbackMs: number }
  /** Its least active stake during the block was below the device's minimum (amounts in base units, decimal strings). */
  | { code: 'stake-below-minimum'; stake: string; minimum: string }
  /** The network blocked the device. */
  | { code: 'blocked' }
  /** Its quality score at the block's end was below the market's threshold: hardware scored low is out of the network. */
  | { code: 'score-below-threshold'; score: number; threshold: number }
  /** A devnet-simulated device, and the policy pays only real ones. */
  | { code: 'simulated' };

/** The codes of {@link MissCriterion}. */
export type MissCode = MissCriterion['code'];

/** What nomination looks at for one device and one block. */
export interface NominationEvidence {
  /** The block's interval, ms. */
  window: { fromMs: number; toMs: number };
  /**
   * The device's liveness changes, ascending, covering at least [window.fromMs − streak requirement,
   * window.toMs) and preceded by the last change before it (as `LivenessHistoryStore.changes` returns).
   */
  changes: readonly LivenessChange[];
  /**
   * Its challenge results issued from the look-back window's start until the confirmation window
   * after the block's end (any order): those after the end only forgive late answers before it.
   */
  challenges: readonly CountableChallenge[];
  /** Its least active stake on chain during the block (base units), its minimum, and whether it held it throughout. */
  stake: { active: bigint; minimum: bigint; meetsMinimum: boolean };
  blocked: boolean;
  simulated: boolean;
  /** Its quality score (0..100) as of the block's end. */
  score: number;
}

/** The nomination policy; every number is a parameter. */
export interface NominationPolicy {
  /** The share of the block a device must be up, 0..1. @default 1 (the whole hour) */
  minUpShare: number;
  /** Continuous uptime required at the block's start (io.net: 5 h). @default 5 h */
  minStreakMs: number;
  /** How far before the block's end challenge results count. @default 24 h */
  challengeLookbackMs: number;
  /** Failed challenges tolerated in the look-back window (a deadline miss the next challenge of its kind passed is not one, see `countedChallenges`). @default 0 */
  maxChallengeFailures: number;
  /** How soon after a deadline miss a passed challenge of its kind forgives it. @default MISS_CONFIRMATION_WINDOW_MS (15 min) */
  missConfirmationWindowMs: number;
  /** Whether at least one passed challenge in the look-back window is required. @default true */
  requirePassedChallenge: boolean;
  /** Whether devnet-simulated devices may earn (true on a devnet only). @default false */
  allowSimulated: boolean;
  /** The quality score below which a device earns nothing, as it is out of the market (the eligibility policy's `scoreThreshold`). @default DEFAULT_SCORE_THRESHOLD (40) */
  scoreThreshold: number;
  /**
   * How long after a block's end it is built: by then the rounds issued before the end have
   * finished and been recorded, and so have the re-challenges that forgive their late answers
   * (the confirmation window, plus a round). @default 20 min
   */
  settleMs: number;
}

/** The default policy: up the whole hour, 5 h streak, no failed and at least one passed challenge in 24 h, score 40 or more, real devices only. */
export const DEFAULT_NOMINATION_POLICY: NominationPolicy = {
  minUpShare: 1,
  minStreakMs: 5 * 3_600_000,
  challengeLookbackMs: 24 * 3_600_000,
  maxChallengeFailures: 0,
  missConfirmationWindowMs: MISS_CONFIRMATION_WINDOW_MS,
  requirePassedChallenge: true,
  allowSimulated: false,
  scoreThreshold: DEFAULT_SCORE_THRESHOLD,
  settleMs: MISS_CONFIRMATION_WINDOW_MS + 5 * 60_000,
};

/** The decision for one device and block: nominated, or missed with every failed criterion. */
export type Nomination = { kind: 'nominated' } | { kind: 'missed'; failed: MissCriterion[] };

/**
 * The length of the continuous up interval that ends at `atMs` (0 when the device is down then).
 * The streak can be no longer than the history given: a device up since before the first change
 * given counts from that change.
 * @param changes - liveness changes, ascending
 * @param atMs - the time, ms
 */
export function upStreakAt(changes: readonly LivenessChange[], atMs: number): number {
  let since: number | undefined;
  for (const change of changes) {
    if (change.at > atMs) break;
    if (!change.up) since = undefined;
    else if (since === undefined) since = change.at;
  }
  return since === undefined ? 0 : atMs - since;
}

/**
 * Decides whether a device is nominated for a block's rewards: up during it, with a long enough
 * continuous uptime before it, its challenges passed, its minimum stake met, not blocked, its
 * quality score at or above the market's threshold (and not simulated unless the policy allows). Reports every failed criterion, not just the first.
 * @param evidence - the device's liveness, challenges, stake and flags for the block
 * @param policy - the thresholds @default DEFAULT_NOMINATION_POLICY
 */
export function nominate(evidence: NominationEvidence, policy: NominationPolicy = DEFAULT_NOMINATION_POLICY): Nomination {
  const failed: MissCriterion[] = [];
  const { fromMs, toMs } = evidence.window;
  const upMs = upMillis(evidence.changes, { from: fromMs, to: toMs });
  const requiredMs = Math.ceil((toMs - fromMs) * Math.min(1, Math.max(0, policy.minUpShare)));
  if (upMs < requiredMs) failed.push({ code: 'not-up', upMs, requiredMs });
  const streakMs = upStreakAt(evidence.changes, fromMs);
  if (streakMs < policy.minStreakMs) failed.push({ code: 'uptime-streak-short', streakMs, requiredMs: policy.minStreakMs });

  const since = toMs - policy.challengeLookbackMs;
  // A re-challenge after the end may forgive a late answer before it, but only results issued in the look-back count.
  const seen = evidence.challenges.filter((c) => c.issuedAt >= since && c.issuedAt < toMs + policy.missConfirmationWindowMs);
  const recent = countedChallenges(seen, { windowMs: policy.missConfirmationWindowMs }).filter((c) => c.issuedAt < toMs);
  const failures = recent.filter((c) => !c.passed).length;
  if (failures > policy.maxChallengeFailures) failed.push({ code: 'challenges-failed', failed: failures, allowed: policy.maxChallengeFailures });
  if (policy.requirePassedChallenge && !recent.some((c) => c.passed)) failed.push({ code: 'no-challenge-passed', lookbackMs: policy.challengeLookbackMs });

  if (!evidence.stake.meetsMinimum) failed.push({ code: 'stake-below-minimum', stake: evidence.stake.active.toString(), minimum: evidence.stake.minimum.toString() });
  if (evidence.blocked) failed.push({ code: 'blocked' });
  if (evidence.score < policy.scoreThreshold) failed.push({ code: 'score-below-threshold', score: evidence.score, threshold: policy.scoreThreshold });
  if (evidence.simulated && !policy.allowSimulated) failed.push({ code: 'simulated' });
  return failed.length === 0 ? { kind: 'nominated' } : { kind: 'missed', failed };
}
