import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { challengeVerdict, type ChallengeFailureReason, type ChallengeVerdict } from '../challenge-verdict';
import { verifyMerkleProof } from '../merkle/merkle-tree';
import { computeLoopLeaf } from './build-compute-tree';
import { computeTileDigest } from './compute-matrices';
import type { ComputeChallengeSpec, ComputeCommitment, ComputeOpening } from './compute-spec';
import { computeLeafCount } from './compute-spec';
import { computeSpecFlops } from './plan-compute-challenge';

/** What {@link checkComputeOpenings} needs. */
export interface CheckComputeOpeningsInput {
  spec: ComputeChallengeSpec;
  /** The device's commitment (untrusted). */
  commitment: ComputeCommitment;
  /** The sampled tile indices, from drawComputeSamples. */
  samples: readonly number[];
  /** The device's openings of the loops those tiles fall in (untrusted), any order. */
  openings: readonly unknown[];
  /** ms from sending the spec to receiving the root, as the coordinator measured it. */
  elapsedMs: number;
}

const HEX32 = /^[0-9a-f]{64}$/;

function isOpening(o: unknown, tilesPerLoop: number): o is ComputeOpening {
  const x = o as ComputeOpening;
  return (
    typeof o === 'object' &&
    o !== null &&
    Number.isSafeInteger(x.loop) &&
    Array.isArray(x.proof) &&
    Array.isArray(x.tiles) &&
    x.tiles.length === tilesPerLoop &&
    x.tiles.every((t) => typeof t === 'string' && HEX32.test(t))
  );
}

/**
 * The coordinator's check: the loop of every sampled tile opened, the SHA-256 of its tile
 * digests (its leaf) on a Merkle path to the committed root, the sampled tile's digest equal
 * to the tile re-computed from the seed, and the root in by the deadline. Cost: k tiles ×
 * 2·tile²·n FLOP, plus hashing the opened loops' digests.
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
  if (typeof commitment?.root !== 'string' || !HEX32.test(commitment.root)) return challengeVerdict('malformed-answer', metrics);
  if (!Array.isArray(openings)) return challengeVerdict('no-answer', metrics);
  const { tilesPerLoop, leaves } = computeLeafCount(spec);
  const byLoop = new Map<number, ComputeOpening>();
  for (const o of openings) {
    if (!isOpening(o, tilesPerLoop)) return challengeVerdict('malformed-answer', metrics);
    byLoop.set(o.loop, o);
  }
  if (!samples.every((i) => byLoop.has(Math.floor(i / tilesPerLoop)))) return challengeVerdict('no-answer', metrics);
  const onPath = new Map<number, boolean>();
  const pathOk = (o: ComputeOpening) => {
    if (!onPath.has(o.loop)) {
      const leaf = bytesToHex(computeLoopLeaf(o.tiles.map(hexToBytes)));
      onPath.set(o.loop, verifyMerkleProof({ root: commitment.root, leaf, index: o.loop, proof: o.proof, leafCount: leaves }));
    }
    return onPath.get(o.loop)!;
  };
  let failure: ChallengeFailureReason | null = null;
  for (const index of samples) {
    const o = byLoop.get(Math.floor(index / tilesPerLoop))!;
    metrics.tilesChecked!++;
    if (!pathOk(o) || bytesToHex(computeTileDigest(spec, index)) !== o.tiles[index % tilesPerLoop]) {
      failure = 'wrong-answer';
      break;
    }
  }
  if (failure === null && !(elapsedMs <= spec.deadlineMs)) failure = 'deadline-missed';
  return challengeVerdict(failure, metrics);
}
