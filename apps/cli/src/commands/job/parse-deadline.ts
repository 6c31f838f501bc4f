import { BaseError } from '@tensorgrid/protocol';

const UNIT_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * A job deadline from a duration (`90m`, `6h`, `2d`, `3600s`) after `nowS`, or an ISO time
 * (`2026-12-01T12:00:00Z`); unix seconds, after `nowS`.
 * @param text - what the user typed
 * @param nowS - the chain's current time, unix seconds
 * @throws BaseError VALIDATION_FAILED
 */
export function parseDeadline(text: string, nowS: bigint): bigint {
  const duration = /^(\d{1,9})([smhd])$/.exec(text.trim());
  if (duration) {
    const seconds = BigInt(Number(duration[1]) * UNIT_S[duration[2]!]!);
    if (seconds === 0n) throw new BaseError('VALIDATION_FAILED', 'The deadline must be in the future', { details: 'Pass a duration such as 6h or 2d.' });
    return nowS + seconds;
  }
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new BaseError('VALIDATION_FAILED', `Cannot read the deadline ${JSON.stringify(text)}`, { details: 'Pass a duration (90m, 6h, 2d) or an ISO time (2026-12-01T12:00:00Z).' });
  }
  const at = BigInt(Math.floor(ms / 1000));
  if (at <= nowS) throw new BaseError('VALIDATION_FAILED', `The deadline ${text} has passed (chain time ${new Date(Number(nowS) * 1000).toISOString()})`);
  return at;
}
