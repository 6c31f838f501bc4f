import { type ComputeChallengeSpec, type ComputeOpening, type MemoryChallengeSpec, type MemoryProbe } from '@tensorgrid/domain';
import { CappedMemoryResponder } from './capped-memory-responder';
import { respondComputeWithinBudget } from './respond-compute-within-budget';

/** One identity's answers, and how long after the shared start they were ready. */
export interface IdentityMemoryAnswer {
  answers: string[];
  elapsedMs: number;
  regenerated: number;
  guessed: number;
}

/**
 * Harness: one physical machine registered as N identities, challenged at the same moment
 * (the coordinator challenges all devices of an operator together). The machine has
 * `machineBytes` of memory in all, so each identity holds machineBytes / N of its claim's
 * fill; all probes arrive at one instant and the identities answer on the one core in turn,
 * each regenerating until its deadline (measured from the shared start), then guessing.
 * @param input - each identity's spec and probes, the machine's memory, and a clock
 */
export function answerMemoryAsIdentities(input: { specs: readonly MemoryChallengeSpec[]; probes: readonly (readonly MemoryProbe[])[]; machineBytes: number; now?: () => number }): IdentityMemoryAnswer[] {
  const now = input.now ?? (() => performance.now());
  const share = input.machineBytes / input.specs.length;
  const responders = input.specs.map((spec) => new CappedMemoryResponder(spec, { holdFraction: share / (spec.pages * spec.pageWords * 4), now }));
  for (const r of responders) r.fillSync();
  const startedAt = now();
  return responders.map((r, i) => {
    const answers = r.answer(input.probes[i]!, { startedAt });
    return { answers, elapsedMs: now() - startedAt, regenerated: r.regenerated, guessed: r.guessed };
  });
}

/** One identity's compute commitment and the openings it gives for `samples`. */
export interface IdentityComputeAnswer {
  root: string;
  openings: ComputeOpening[];
  elapsedMs: number;
  loopsFaked: number;
}

/**
 * Harness: N identities of one machine share one core for their compute challenges, all
 * issued at the same moment; each works until its own deadline (from the shared start) and
 * fakes what is left.
 * @param input - each identity's spec and sample indices, and a clock
 */
export function answerComputeAsIdentities(input: { specs: readonly ComputeChallengeSpec[]; samples: readonly (readonly number[])[]; now?: () => number }): IdentityComputeAnswer[] {
  const now = input.now ?? (() => performance.now());
  const startedAt = now();
  return input.specs.map((spec, i) => {
    const r = respondComputeWithinBudget(spec, { startedAt, now });
    const elapsedMs = now() - startedAt;
    return { root: r.commitment.root, openings: r.open(input.samples[i]!), elapsedMs, loopsFaked: r.loopsFaked };
  });
}
