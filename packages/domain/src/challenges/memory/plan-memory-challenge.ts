import { deriveSeed, type SeedHex } from '../challenge-seed';
import { invalidChallenge, isPowerOfTwo, requireInt, requireNumber } from '../invalid-challenge';
import { createSeededRng } from '../seeded-rng';
import { DEVNET_MEMORY_POLICY, memoryDeadlineMs, type MemoryChallengePolicy } from './memory-policy';
import type { MemoryChallengeSpec, MemoryProbe } from './memory-spec';

/** What the device claims: memory in bytes (VRAM for a GPU, RAM for a CPU device). */
export interface MemoryClaim {
  memoryBytes: number;
}

/**
 * Plans a memory-capacity challenge sized to the claim: pages = floor(claim × scale / pageBytes).
 * The spec carries a fill seed derived from `seed`; keep `seed` secret and pass it (or another
 * secret) to {@link drawMemoryProbes} after the device reports its fill done.
 * Throws VALIDATION_FAILED for a claim or policy that would give too few or too many pages.
 * @param input - claim, policy (default: devnet) and the coordinator's secret seed
 */
export function planMemoryChallenge(input: { claim: MemoryClaim; policy?: MemoryChallengePolicy; seed: SeedHex }): MemoryChallengeSpec {
  const policy = input.policy ?? DEVNET_MEMORY_POLICY;
  const claimedBytes = requireNumber('claim.memoryBytes', input.claim.memoryBytes, { min: 1, max: 2 ** 50 });
  requireNumber('policy.scale', policy.scale, { min: 2 ** -20, max: 1 });
  if (!isPowerOfTwo(policy.pageBytes) || policy.pageBytes < 1024) throw invalidChallenge('policy.pageBytes must be a power of two ≥ 1024', { value: policy.pageBytes });
  requireInt('policy.sampleSize', policy.sampleSize, { min: 1, max: 4096 });
  const pages = Math.floor((claimedBytes * policy.scale) / policy.pageBytes);
  if (pages < policy.minPages || pages > policy.maxPages) {
    throw invalidChallenge(`claim gives ${pages} pages, outside [${policy.minPages}, ${policy.maxPages}]`, { claimedBytes, scale: policy.scale, pageBytes: policy.pageBytes, pages });
  }
  return {
    kind: 'memory',
    version: 1,
    seed: deriveSeed(input.seed, 'tensorgrid/memory/fill'),
    pages,
    pageWords: policy.pageBytes / 4,
    rounds: requireInt('policy.rounds', policy.rounds, { min: 2, max: 64 }),
    probes: requireInt('policy.probes', policy.probes, { min: 1, max: 1 << 16 }),
    probeWords: requireInt('policy.probeWords', policy.probeWords, { min: 1, max: 16 }),
    deadlineMs: memoryDeadlineMs(policy, policy.probes),
    claimedBytes,
    scale: policy.scale,
  };
}

/**
 * The r probes of a challenge: uniform pages, uniform word offsets. Drawn from the
 * coordinator's secret seed (label `memory/probes`), so the device cannot predict them from
 * the spec; send them only after the fill is reported done, and start the clock then.
 * @param input - the spec and the coordinator's secret seed
 */
export function drawMemoryProbes(input: { spec: MemoryChallengeSpec; seed: SeedHex }): MemoryProbe[] {
  const { spec } = input;
  const rng = createSeededRng(deriveSeed(input.seed, 'tensorgrid/memory/probes'));
  const probes: MemoryProbe[] = [];
  for (let i = 0; i < spec.probes; i++) probes.push({ page: rng.below(spec.pages), word: rng.below(spec.pageWords - spec.probeWords + 1) });
  return probes;
}
