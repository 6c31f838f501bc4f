import type { DeviceState } from '@tensorgrid/protocol';
import { DEFAULT_SCORE_THRESHOLD } from './quality-score';

/** The market's eligibility policy; every number is a parameter. */
export interface EligibilityPolicy {
  /** A new device waits this long before it can be hired. @default 12 h */
  trialMs: number;
  /** Devices scoring below this are removed from the market. @default 40 */
  scoreThreshold: number;
  /** Continuous downtime beyond this removes eligibility. @default 48 h */
  maxDowntimeMs: number;
  /** Stricter limits per service tier (e.g. enterprise: 4 h). */
  maxDowntimeMsByTier: Readonly<Record<string, number>>;
}

/** The default policy: 12 h trial, score 40, 48 h of downtime (as io.net runs it today). */
export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = {
  trialMs: 12 * 3_600_000,
  scoreThreshold: DEFAULT_SCORE_THRESHOLD,
  maxDowntimeMs: 48 * 3_600_000,
  maxDowntimeMsByTier: {},
};

/** Why a device cannot be hired. */
export type IneligibleReason =
  | { code: 'blocked' }
  | { code: 'in-trial'; untilMs: number }
  | { code: 'score-below-threshold'; score: number; threshold: number }
  | { code: 'down-too-long'; downForMs: number; limitMs: number };

/** The decision: eligible, or every reason it is not. */
export type Eligibility = { kind: 'eligible' } | { kind: 'ineligible'; reasons: IneligibleReason[] };

/**
 * Whether a device may be hired in the market, and if not, every reason why.
 * @param device - its state, when it registered, when its state last changed, its score and service tier
 * @param at - now (ms) and the policy
 */
export function decideEligibility(
  device: { state: DeviceState; registeredAt: number; stateChangedAt: number; score: number; serviceTier?: string },
  at: { now: number; policy?: EligibilityPolicy },
): Eligibility {
  const policy = at.policy ?? DEFAULT_ELIGIBILITY_POLICY;
  const reasons: IneligibleReason[] = [];
  if (device.state === 'blocked') reasons.push({ code: 'blocked' });
  const trialEnds = device.registeredAt + policy.trialMs;
  if (at.now < trialEnds) reasons.push({ code: 'in-trial', untilMs: trialEnds });
  if (device.score < policy.scoreThreshold) reasons.push({ code: 'score-below-threshold', score: device.score, threshold: policy.scoreThreshold });
  if (device.state === 'down') {
    const limitMs = (device.serviceTier !== undefined ? policy.maxDowntimeMsByTier[device.serviceTier] : undefined) ?? policy.maxDowntimeMs;
    const downForMs = at.now - device.stateChangedAt;
    if (downForMs > limitMs) reasons.push({ code: 'down-too-long', downForMs, limitMs });
  }
  return reasons.length ? { kind: 'ineligible', reasons } : { kind: 'eligible' };
}
