import { drawMemoryProbes, planMemoryChallenge, type MemoryChallengePolicy, type MemoryChallengeSpec, type MemoryProbe } from '@tensorgrid/domain';
import type { ChallengeKindAdapter, JsonRecord } from '../challenge-kind-adapter';
import { IN_PROCESS_CHALLENGE_CHECKS, type ChallengeChecks } from '../checks/challenge-checks';
import { deviceClaims, type CpuBaselines } from '../core/device-claims';
import { planOrSkip } from './plan-or-skip';

/**
 * Memory capacity: the device fills its claimed memory (× the policy's scale) from the
 * spec's seed and says ready; the coordinator then sends r secret probes and times the
 * answers (`{ answers: hex[] }`), checking k of them by regenerating their pages.
 * @param options - the policy (devnet or production), CPU baselines, and where the pages are regenerated (default in process)
 */
export function memoryAdapter(options: { policy: MemoryChallengePolicy; baselines: CpuBaselines; checks?: ChallengeChecks }): ChallengeKindAdapter {
  const checks = options.checks ?? IN_PROCESS_CHALLENGE_CHECKS;
  return {
    kind: 'memory',
    plan: ({ device, seed }) =>
      planOrSkip(() => {
        const spec = planMemoryChallenge({ claim: { memoryBytes: deviceClaims(device, options.baselines).memoryBytes }, policy: options.policy, seed });
        // The fill runs at the device's pace; the deadline that matters is the probes'.
        const fillBudgetMs = 60_000 + spec.pages * 50;
        return { spec: spec as unknown as JsonRecord, timeoutMs: fillBudgetMs + spec.deadlineMs * 4 };
      }),
    onReady: ({ spec, querySeed }) => ({ kind: 'query', query: { probes: drawMemoryProbes({ spec: spec as unknown as MemoryChallengeSpec, seed: querySeed }) } }),
    onAnswer: ({ spec, query, answer, elapsedMs, querySeed }) =>
      checks.memory({
        spec: spec as unknown as MemoryChallengeSpec,
        probes: query.probes as MemoryProbe[],
        answers: Array.isArray(answer.answers) ? answer.answers : [],
        elapsedMs,
        seed: querySeed,
        sampleSize: options.policy.sampleSize,
      }),
  };
}
