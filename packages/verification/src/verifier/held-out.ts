import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { generateDataset, type Dataset, type TrainingJob } from '@tensorgrid/tensor';
import { parseHex32 } from '../challenge/hex32';

/** Examples in the held-out draw unless told otherwise. */
export const DEFAULT_HELD_OUT_COUNT = 512;

/**
 * The held-out split's name: "heldout/" ‖ hex(SHA-256("tensorgrid/held-out/v1" ‖ jobSeed ‖
 * beacon)). It comes from the job seed, so it is the job's own distribution, and from the
 * post-commitment beacon, so the solver cannot know which examples it is before it commits
 * (and "train" is the only split its batches come from).
 * @param job - the job
 * @param beacon - the beacon revealed after the commitment, 32 bytes as hex
 */
export function heldOutSplit(job: TrainingJob, beacon: string): string {
  const digest = sha256(concatBytes(utf8ToBytes('tensorgrid/held-out/v1'), hexToBytes(job.jobSeed), hexToBytes(parseHex32(beacon, 'beacon'))));
  return `heldout/${bytesToHex(digest).slice(0, 32)}`;
}

/**
 * The held-out examples of a job under a beacon (same distribution as the training set,
 * other examples).
 * @param job - the job
 * @param draw - the beacon and how many examples (default 512)
 */
export function heldOutDataset(job: TrainingJob, draw: { beacon: string; count?: number }): Dataset {
  return generateDataset({ spec: job.spec.dataset, split: heldOutSplit(job, draw.beacon), count: draw.count ?? DEFAULT_HELD_OUT_COUNT });
}

/**
 * The default accuracy floor for a job class with `classes` classes: halfway from chance to
 * perfect, 1/c + (1 − 1/c)/2 (0.667 for 3 classes, 0.55 for 10). Random or untrained weights
 * sit near chance (1/c); a trained model on a separable seed-generated task sits well above.
 * A job class with a profiled floor (§6.5.4) passes its own instead.
 * @param classes - the number of classes
 */
export function defaultAccuracyFloor(classes: number): number {
  if (!Number.isSafeInteger(classes) || classes < 2) throw new RangeError(`classes must be an integer ≥ 2, got ${classes}`);
  const chance = 1 / classes;
  return chance + (1 - chance) / 2;
}
