import { checkPowSolution, planPowChallenge, type PowChallengePolicy, type PowChallengeSpec } from '@tensorgrid/domain';
import type { ChallengeKindAdapter, JsonRecord } from '../challenge-kind-adapter';
import { deviceClaims, type CpuBaselines } from '../core/device-claims';
import { planOrSkip } from './plan-or-skip';

/**
 * Proof-of-work, as io.net runs it: `shares` nonces whose hash (bound to the device id)
 * clears the difficulty, in `challenge.ready { nonces }`, timed from issue. The verdict
 * carries the hash rate the coordinator saw.
 * @param options - the policy and CPU baselines
 */
export function powAdapter(options: { policy: PowChallengePolicy; baselines: CpuBaselines }): ChallengeKindAdapter {
  return {
    kind: 'pow',
    plan: ({ device, seed }) =>
      planOrSkip(() => {
        const spec = planPowChallenge({ claim: { hashesPerSecond: deviceClaims(device, options.baselines).hashesPerSecond }, deviceId: device.id, policy: options.policy, seed });
        return { spec: spec as unknown as JsonRecord, timeoutMs: spec.deadlineMs * 2 + 5_000 };
      }),
    onReady: ({ spec, commitment, elapsedMs }) => ({
      kind: 'verdict',
      verdict: checkPowSolution({ spec: spec as unknown as PowChallengeSpec, nonces: Array.isArray(commitment.nonces) ? commitment.nonces : [], elapsedMs }),
    }),
  };
}
