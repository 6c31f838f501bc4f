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
  // Compared in milliseconds, unrounded: a request is fresh until exactly the moment its
  // nonce may be pruned ((timestamp + tolerance) s), never a moment longer.
  const skewMs = nowMs - timestampS * 1000;
  return Math.abs(skewMs) <= toleranceS * 1000 ? { kind: 'fresh' } : { kind: 'expired', skewS: Math.trunc(skewMs / 1000) };
}
