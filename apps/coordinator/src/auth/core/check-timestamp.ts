/** Decision on a signed request's timestamp. */
export type TimestampDecision = { kind: 'fresh' } | { kind: 'expired'; skewS: number };

/**
 * A signed request is valid only within `toleranceS` of the coordinator's clock, either way:
 * this bounds how long its nonce must be remembered.
 * @param timestampS - the signed timestamp (unix seconds)
 * @param nowMs - the coordinator's clock (milliseconds)
 * @param toleranceS - allowed skew in seconds
 */
export function checkTimestamp(timestampS: number, nowMs: number, toleranceS: number): TimestampDecision {
  const skewS = Math.round(nowMs / 1000 - timestampS);
  return Math.abs(skewS) <= toleranceS ? { kind: 'fresh' } : { kind: 'expired', skewS };
}
