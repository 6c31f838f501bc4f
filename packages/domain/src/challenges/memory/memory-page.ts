import { sha256 } from '@noble/hashes/sha2';
import { concatBytes } from '@noble/hashes/utils';
import { firstU32, seedBytes, u32be } from '../challenge-seed';
import { GOLDEN32, MIX32_M1, MIX32_M2 } from '../mix32';
import type { MemoryChallengeSpec, MemoryProbe } from './memory-spec';

/**
 * Page i's start state: the first 4 bytes of SHA-256(fillSeed ‖ u32be(i)), big-endian.
 * @param spec - the challenge (its seed)
 * @param page - page index
 */
export function memoryPageStart(spec: Pick<MemoryChallengeSpec, 'seed'>, page: number): number {
  return firstU32(sha256(concatBytes(seedBytes(spec.seed), u32be(page))));
}

/**
 * Generates page `page` of a challenge: the reference every implementation (Node, the
 * Python/torch helper) must match bit for bit.
 *
 * ```
 * x = start(page)
 * fill:  for j in 0..P-1:           x = mix32(x + GOLDEN32);     V[j] = x
 * mix:   for t in 0..rounds·P-1:    j = t mod P; k = x mod P
 *                                   x = mix32(x ^ V[k]);         V[j] ^= x
 * ```
 * Why this shape (scrypt ROMix): the fill is a sequential chain (word j needs j steps), and
 * the mixing pass reads at data-dependent positions and rewrites every word. With
 * rounds ≥ 2 the final value of every word is written after ≥ P data-dependent steps that
 * read all over the page, so no word can be produced from a checkpoint or a prefix: a
 * missing word costs a full page regeneration, i.e. (1 + rounds)·P sequential steps.
 * @param spec - the challenge (seed, pageWords, rounds)
 * @param page - page index, 0 <= page < spec.pages
 * @param into - optional buffer of pageWords words to fill (the responder's memory)
 */
export function generateMemoryPage(spec: Pick<MemoryChallengeSpec, 'seed' | 'pageWords' | 'rounds'>, page: number, into?: Uint32Array): Uint32Array {
  const P = spec.pageWords;
  const mask = P - 1;
  const V = into ?? new Uint32Array(P);
  // mix32 inlined on int32 values (Uint32Array stores wrap them): ≈ 2× faster in V8 than
  // calling mix32 with uint32 doubles. Same arithmetic, checked by the known-answer test.
  let x = memoryPageStart(spec, page) | 0;
  for (let j = 0; j < P; j++) {
    x = (x + GOLDEN32) | 0;
    x ^= x >>> 16;
    x = Math.imul(x, MIX32_M1);
    x ^= x >>> 15;
    x = Math.imul(x, MIX32_M2);
    x ^= x >>> 16;
    V[j] = x;
  }
  const steps = spec.rounds * P;
  for (let t = 0; t < steps; t++) {
    x ^= V[x & mask]!;
    x ^= x >>> 16;
    x = Math.imul(x, MIX32_M1);
    x ^= x >>> 15;
    x = Math.imul(x, MIX32_M2);
    x ^= x >>> 16;
    V[t & mask]! ^= x;
  }
  return V;
}

/**
 * The answer to one probe from a page in memory: words [word, word + probeWords) as
 * big-endian hex, 8 characters each (a few words, not a hash of the page: honest answers
 * cost one memory read).
 * @param page - the page's words
 * @param probe - which words
 * @param probeWords - how many words
 */
export function readMemoryAnswer(page: Uint32Array, probe: Pick<MemoryProbe, 'word'>, probeWords: number): string {
  let out = '';
  for (let i = 0; i < probeWords; i++) out += page[probe.word + i]!.toString(16).padStart(8, '0');
  return out;
}
