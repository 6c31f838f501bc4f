import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { computeLoopDigests, generateMemoryPage, solvePow, type ComputeChallengeSpec, type MemoryChallengeSpec, type PowChallengeSpec } from '@tensorgrid/domain';

/** Where the CUDA helper reads its conformance vectors (`challenge_helper.py`'s selftest). */
export const CHALLENGE_VECTORS_PATH = fileURLToPath(new URL('../../gpu/challenge_vectors.json', import.meta.url));

type MemoryVectorSpec = Pick<MemoryChallengeSpec, 'seed' | 'pageWords' | 'rounds'>;
type ComputeVectorSpec = Pick<ComputeChallengeSpec, 'seed' | 'n' | 'tile'>;
type PowVectorSpec = Pick<PowChallengeSpec, 'seed' | 'deviceId' | 'difficultyBits' | 'shares'>;

/** Known answers of the TypeScript reference that any other implementation must reproduce. */
export interface ChallengeVectors {
  /** SHA-256 of each listed page's words as little-endian uint32. */
  memory: { spec: MemoryVectorSpec; pageSha256: Record<string, string> }[];
  /** Each listed loop's tile digests, concatenated in leaf order, as hex. */
  compute: { spec: ComputeVectorSpec; loopDigests: Record<string, string> }[];
  /** The first `shares` solving nonces at or above `from`. */
  pow: { spec: PowVectorSpec; from: number; nonces: number[] }[];
}

const MEMORY_CASES: { spec: MemoryVectorSpec; pages: number[] }[] = [
  { spec: { seed: '5a'.repeat(32), pageWords: 256, rounds: 2 }, pages: [0, 1, 7] },
  { spec: { seed: 'c3'.repeat(32), pageWords: 1024, rounds: 3 }, pages: [0, 40_000] },
];

// Tiles of 16 and more take the helper's SHA-256 kernel; 48 = 3 tiles a row is not a power of two.
const COMPUTE_CASES: { spec: ComputeVectorSpec; loops: number[] }[] = [
  { spec: { seed: '17'.repeat(32), n: 64, tile: 16 }, loops: [0, 5] },
  { spec: { seed: 'e2'.repeat(32), n: 48, tile: 16 }, loops: [1] },
  { spec: { seed: '9b'.repeat(32), n: 16, tile: 4 }, loops: [2] },
];

// The hash's message is seed (32) ‖ u32 length (4) ‖ id ‖ u64 nonce: the id's length sets where the
// nonce's low word falls in a block (its byte shift, 0-3) and whether the last block spills into a
// second one, with the low word in the first block, split across both, or in the second; the last
// case starts below 2^32 and ends above it (the nonce's high word changes).
const POW_CASES: { spec: PowVectorSpec; from: number }[] = [
  { spec: { seed: '3c'.repeat(32), deviceId: `0x${'ab'.repeat(20)}`, difficultyBits: 8, shares: 3 }, from: 0 },
  { spec: { seed: '81'.repeat(32), deviceId: 'gpu-node-00000000001', difficultyBits: 6, shares: 3 }, from: 0 },
  { spec: { seed: '5e'.repeat(32), deviceId: 'z'.repeat(22), difficultyBits: 6, shares: 2 }, from: 0 },
  { spec: { seed: 'a7'.repeat(32), deviceId: 'w'.repeat(26), difficultyBits: 6, shares: 2 }, from: 0 },
  { spec: { seed: 'd4'.repeat(32), deviceId: 'x'.repeat(31), difficultyBits: 7, shares: 2 }, from: 0 },
  { spec: { seed: '06'.repeat(32), deviceId: 'y'.repeat(93), difficultyBits: 6, shares: 4 }, from: 2 ** 32 - 20 },
];

function pageSha256(spec: MemoryVectorSpec, page: number): string {
  const words = generateMemoryPage(spec, page);
  const bytes = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => bytes.writeUInt32LE(w, 4 * i));
  return createHash('sha256').update(bytes).digest('hex');
}

/** The vectors, computed from the reference in `packages/domain`. */
export function computeChallengeVectors(): ChallengeVectors {
  return {
    memory: MEMORY_CASES.map(({ spec, pages }) => ({ spec, pageSha256: Object.fromEntries(pages.map((p) => [String(p), pageSha256(spec, p)])) })),
    compute: COMPUTE_CASES.map(({ spec, loops }) => ({
      spec,
      loopDigests: Object.fromEntries(loops.map((l) => [String(l), Buffer.concat(computeLoopDigests(spec, l)).toString('hex')])),
    })),
    pow: POW_CASES.map(({ spec, from }) => ({ spec, from, nonces: solvePow(spec, from) })),
  };
}
