import { bytesToHex } from '@noble/hashes/utils';
import { challengeVerdict, type ChallengeFailureReason, type ChallengeVerdict } from '../challenge-verdict';
import { verifyMerkleProof } from '../merkle/merkle-tree';
import { computeTileDigest } from './compute-matrices';
import type { ComputeChallengeSpec, ComputeCommitment, ComputeOpening } from './compute-spec';
import { computeLeafCount } from './compute-spec';
import { computeSpecFlops } from './plan-compute-challenge';

/** What {@link checkComputeOpenings} needs. */
export interface CheckComputeOpeningsInput {
  spec: ComputeChallengeSpec;
  /** The device's commitment (untrusted). */
  commitment: ComputeCommitment;
  /** The sampled leaf indices, from drawComputeSamples. */
  samples: readonly number[];
  /** The device's openings of those leaves (untrusted), any order. */
  openings: readonly unknown[];
  /** ms from sending the spec to receiving the root, as the coordinator measured it. */
  elapsedMs: number;
}

function isOpening(o: unknown): o is ComputeOpening {
  const x = o as ComputeOpening;
  return typeof o === 'object' && o !== null && Number.isSafeInteger(x.index) && typeof x.digest === 'string' && Array.isArray(x.proof);
}

/**
 * The coordinator's check: every sampled tile opened, its Merkle path leading to the
 * committed root, its digest equal to the tile re-computed from the seed, and the root in
 * by the deadline. Cost: k tiles × 2·tile²·n FLOP.
 * Metrics: elapsedMs, deadlineMs, flops, rate (FLOP/s the coordinator saw), claimedFlops,
 * deviceElapsedMs, tilesChecked.
 * @param input - spec, commitment, samples, openings and elapsed time
 */
export function checkComputeOpenings(input: CheckComputeOpeningsInput): ChallengeVerdict {
  const { spec, commitment, samples, openings, elapsedMs } = input;
  const flops = computeSpecFlops(spec);
  const metrics: Record<string, number> = {
    elapsedMs,
    deadlineMs: spec.deadlineMs,
    flops,
    rate: elapsedMs > 0 ? flops / (elapsedMs / 1000) : 0,
    claimedFlops: spec.claimedFlops,
    deviceElapsedMs: typeof commitment?.deviceElapsedMs === 'number' ? commitment.deviceElapsedMs : -1,
    tilesChecked: 0,
  };
  if (typeof commitment?.root !== 'string' || !/^[0-9a-f]{64}$/.test(commitment.root)) return challengeVerdict('malformed-answer', metrics);
  if (!Array.isArray(openings)) return challengeVerdict('no-answer', metrics);
  const byIndex = new Map<number, ComputeOpening>();
  for (const o of openings) {
    if (!isOpening(o)) return challengeVerdict('malformed-answer', metrics);
    byIndex.set(o.index, o);
  }
  if (!samples.every((i) => byIndex.has(i))) return challengeVerdict('no-answer', metrics);
  const { leaves } = computeLeafCount(spec);
  let failure: ChallengeFailureReason | null = null;
  for (const index of samples) {
    const o = byIndex.get(index)!;
    metrics.tilesChecked!++;
    const pathOk = verifyMerkleProof({ root: commitment.root, leaf: o.digest, index, proof: o.proof, leafCount: leaves });
    if (!pathOk || bytesToHex(computeTileDigest(spec, index)) !== o.digest) {
      failure = 'wrong-answer';
      break;
    }
  }
  if (failure === null && !(elapsedMs <= spec.deadlineMs)) failure = 'deadline-missed';
  return challengeVerdict(failure, metrics);
}
