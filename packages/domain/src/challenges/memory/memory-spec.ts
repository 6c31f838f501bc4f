import { isSeedHex } from '../challenge-seed';
import { invalidChallenge, isPowerOfTwo, requireInt, requireNumber } from '../invalid-challenge';

/**
 * A memory-capacity challenge as it goes over the wire (numbers and hex only). It reveals
 * nothing about which probes will come: those are drawn from a separate secret seed and sent
 * only after the device reports its fill done.
 */
export interface MemoryChallengeSpec {
  kind: 'memory';
  version: 1;
  /** Fill seed (derived from the coordinator's secret seed). */
  seed: string;
  /** Pages to fill; bytes filled = pages × pageWords × 4. */
  pages: number;
  /** uint32 words per page (power of two). */
  pageWords: number;
  /** Mixing passes after the fill pass. */
  rounds: number;
  /** r: probes that will be asked. */
  probes: number;
  /** Words answered per probe. */
  probeWords: number;
  /** ms from sending the probes to receiving all answers. */
  deadlineMs: number;
  /** The claim this spec tests, and the scale applied to it (for metrics). */
  claimedBytes: number;
  scale: number;
}

/** One probe: answer words [word, word + probeWords) of page `page`. */
export interface MemoryProbe {
  page: number;
  word: number;
}

/** Hard ceilings a worker applies before allocating anything a spec asks for. */
export interface MemorySpecLimits {
  /** Most bytes it will fill (its own claim × scale, plus slack). */
  maxBytes: number;
}

/**
 * Checks a spec's shape and sizes; throws VALIDATION_FAILED (`invalidChallenge`) on anything
 * absurd. The worker calls it with its own limits so a bad coordinator cannot make it
 * allocate more than it claimed.
 * @param spec - untrusted
 * @param limits - optional ceilings
 */
export function validateMemorySpec(spec: unknown, limits?: MemorySpecLimits): MemoryChallengeSpec {
  if (typeof spec !== 'object' || spec === null) throw invalidChallenge('spec must be an object');
  const s = spec as Record<string, unknown>;
  if (s.kind !== 'memory' || s.version !== 1) throw invalidChallenge('not a memory challenge (kind/version)', { kind: s.kind, version: s.version });
  if (!isSeedHex(s.seed)) throw invalidChallenge('seed must be 64 lowercase hex characters', { field: 'seed' });
  const pageWords = requireInt('pageWords', s.pageWords, { min: 256, max: 1 << 26 });
  if (!isPowerOfTwo(pageWords)) throw invalidChallenge('pageWords must be a power of two', { field: 'pageWords', value: pageWords });
  const pages = requireInt('pages', s.pages, { min: 1, max: 1 << 24 });
  requireInt('rounds', s.rounds, { min: 2, max: 64 });
  requireInt('probes', s.probes, { min: 1, max: 1 << 16 });
  requireInt('probeWords', s.probeWords, { min: 1, max: Math.min(16, pageWords) });
  requireNumber('deadlineMs', s.deadlineMs, { min: 1, max: 600_000 });
  requireNumber('claimedBytes', s.claimedBytes, { min: 0, max: 2 ** 53 });
  requireNumber('scale', s.scale, { min: 2 ** -20, max: 1 });
  const bytes = pages * pageWords * 4;
  if (limits && bytes > limits.maxBytes) throw invalidChallenge('spec asks for more memory than allowed', { bytes, maxBytes: limits.maxBytes });
  return spec as MemoryChallengeSpec;
}
