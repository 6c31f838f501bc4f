/**
 * The TypeScript mirror of `contracts/src/EmissionSchedule.sol`: the same integer arithmetic,
 * step for step, so every value here equals the contract's to the wei.
 *
 * - 300,000,000 GRID are emitted over {@link EMISSION_MONTHS} months of 30 days (720 hourly
 *   blocks each) counted from the Rewards genesis; 240 such months are 7,200 days (about 19.7 years).
 * - Month m emits `floor(E0 · 0.9898^m)`, with 0.9898^m computed in 27-decimal fixed point by
 *   square-and-multiply, each product rounded down; E0 is the largest value for which the 240
 *   months sum to at most 300M GRID, and the rounding dust (a few hundred wei) goes to the last month,
 *   so the sum is exactly 300,000,000 GRID.
 * - An hourly block gets `floor(month / 720)`; the month's last block also gets `month % 720`.
 */

/** Months in the schedule. */
export const EMISSION_MONTHS = 240;
/** Hourly blocks in a month (30 days). */
export const HOURS_PER_MONTH = 720;
/** Seconds in an hourly block. */
export const BLOCK_SECONDS = 3_600;
/** Everything the schedule emits: 300,000,000 GRID in base units. */
export const TOTAL_EMISSION = 300_000_000n * 10n ** 18n;
/** 1.0 in the 27-decimal fixed point of the decay factor. */
export const RAY = 10n ** 27n;
/** The monthly decay factor 1 − 0.0102 = 0.9898, in RAY. */
export const DECAY_RAY = 989_800_000_000_000_000_000_000_000n;
/** Month 0's emission: the largest E0 whose 240 floored months sum to at most 300M GRID. */
export const FIRST_MONTH_EMISSION = 3_345_674_560_671_373_852_059_119n;
/** Month 239's emission: `floor(E0 · 0.9898^239)` plus the rounding dust of the whole schedule. */
export const LAST_MONTH_EMISSION = 288_618_469_055_742_424_792_034n;
/** The GPU pool's share of a block's device emission, in basis points (the CPU pool gets the rest). */
export const GPU_POOL_BPS = 9_500n;
/** 100% in basis points. */
export const BPS = 10_000n;

/**
 * `x^n` in RAY fixed point by square-and-multiply, each product rounded down (as the contract does).
 * @param x - the base in RAY (at most RAY)
 * @param n - the exponent
 */
export function rayPow(x: bigint, n: number): bigint {
  let z = RAY;
  let base = x;
  let e = n;
  while (e > 0) {
    if (e & 1) z = (z * base) / RAY;
    e >>= 1;
    if (e > 0) base = (base * base) / RAY;
  }
  return z;
}

/**
 * Month m's emission before the last month's dust: `floor(e0 · 0.9898^m)`.
 * @param e0 - month 0's emission
 * @param month - the month (0-based)
 */
export function decayedEmission(e0: bigint, month: number): bigint {
  return (e0 * rayPow(DECAY_RAY, month)) / RAY;
}

/**
 * Month m's emission in base units; 0 from month 240 on.
 * @param month - the month counted from genesis (0-based, 30 days each)
 */
export function monthEmission(month: number): bigint {
  if (!Number.isInteger(month) || month < 0 || month >= EMISSION_MONTHS) return 0n;
  if (month === EMISSION_MONTHS - 1) return LAST_MONTH_EMISSION;
  return decayedEmission(FIRST_MONTH_EMISSION, month);
}

/**
 * The emission of each ordinary hourly block of a month: `floor(month emission / 720)`.
 * The month's last block also gets the remainder (see {@link blockEmission}).
 * @param month - the month (0-based)
 */
export function hourlyAllowance(month: number): bigint {
  return monthEmission(month) / BigInt(HOURS_PER_MONTH);
}

/**
 * The emission of hourly block b (counted from genesis), the remainder of its month's
 * division by 720 included in the month's last block; 0 past the schedule.
 * @param block - the block number
 */
export function blockEmission(block: number): bigint {
  const month = Math.floor(block / HOURS_PER_MONTH);
  const emission = monthEmission(month);
  const hours = BigInt(HOURS_PER_MONTH);
  const base = emission / hours;
  return block % HOURS_PER_MONTH === HOURS_PER_MONTH - 1 ? base + (emission % hours) : base;
}

/** How one block's emission is split between the reward pools. */
export interface BlockSplit {
  /** The slice set aside for the UTC day's job-share pool: `floor(block · jobShareBps / 10,000)`. */
  jobShare: bigint;
  /** Pool 0: `floor(device · 95%)`, where device = block − jobShare. */
  gpu: bigint;
  /** Pool 1: device − gpu (5% plus the rounding). */
  cpu: bigint;
}

/**
 * Splits a block's emission: a job-share slice off the top, the rest 95% GPU / 5% CPU.
 * @param block - the block number
 * @param jobShareBps - the job-share pool's share of emission (the Rewards constructor's)
 */
export function blockSplit(block: number, jobShareBps: number): BlockSplit {
  const emission = blockEmission(block);
  const jobShare = (emission * BigInt(jobShareBps)) / BPS;
  const device = emission - jobShare;
  const gpu = (device * GPU_POOL_BPS) / BPS;
  return { jobShare, gpu, cpu: device - gpu };
}

/**
 * The job-share pool's allowance of the n-th UTC day after genesis: the job-share slices of
 * its 24 blocks (days never straddle months: a month is 30 whole days).
 * @param dayIndex - days since the genesis day (0-based)
 * @param jobShareBps - the job-share pool's share of emission
 */
export function dayJobShareAllowance(dayIndex: number, jobShareBps: number): bigint {
  let sum = 0n;
  for (let h = 0; h < 24; h++) sum += blockSplit(dayIndex * 24 + h, jobShareBps).jobShare;
  return sum;
}

/** One row of the emission table. */
export interface EmissionRow {
  /** The month (0-based). */
  month: number;
  /** Its emission in base units. */
  emission: bigint;
  /** The emission of months 0..month together. */
  cumulative: bigint;
}

/** The 240 months with their cumulative total (the last is exactly {@link TOTAL_EMISSION}). */
export function emissionTable(): EmissionRow[] {
  const rows: EmissionRow[] = [];
  let cumulative = 0n;
  for (let month = 0; month < EMISSION_MONTHS; month++) {
    const emission = monthEmission(month);
    cumulative += emission;
    rows.push({ month, emission, cumulative });
  }
  return rows;
}

/**
 * Derives the schedule's two constants from first principles (used by the tests and the
 * table script to prove the hard-coded ones): E0 is the largest integer whose 240 floored
 * decayed months sum to at most {@link TOTAL_EMISSION}; the last month takes the dust.
 */
export function deriveScheduleConstants(): { firstMonthEmission: bigint; lastMonthEmission: bigint } {
  const factors = Array.from({ length: EMISSION_MONTHS }, (_, m) => rayPow(DECAY_RAY, m));
  const sum = (e0: bigint): bigint => factors.reduce((s, f) => s + (e0 * f) / RAY, 0n);
  let lo = 0n;
  let hi = TOTAL_EMISSION;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (sum(mid) <= TOTAL_EMISSION) lo = mid;
    else hi = mid - 1n;
  }
  const beforeLast = factors.slice(0, -1).reduce((s, f) => s + (lo * f) / RAY, 0n);
  return { firstMonthEmission: lo, lastMonthEmission: TOTAL_EMISSION - beforeLast };
}
