import { computeSpecFlops, validateComputeSpec, validatePowSpec } from '@tensorgrid/domain';
import type { Hardware } from '@tensorgrid/protocol';
import type { ChallengeResponder, StartedChallenge } from '../challenges/challenge-responder';
import { cpuChallengeResponders } from '../challenges/cpu-challenge-responders';
import { CappedMemoryResponder } from '../challenges/simulated/capped-memory-responder';
import type { SimulatedDevice } from './core/plan-simulated-fleet';

/**
 * How much of its claim a simulated device really has: its share of memory, and its speed
 * relative to the claimed rate on the GPU (compute) and CPU (proof-of-work) paths. An
 * honest device has all of it; a device claiming twice its memory holds half; a "GPU" that
 * is really a CPU computes at a quarter of the claimed rate; one machine posing as k
 * identities gives each 1/k of everything.
 */
export function simulatedCapacity(device: Pick<SimulatedDevice, 'profile'>, identitiesOnMachine: number): { memory: number; computeSpeed: number; hashSpeed: number } {
  switch (device.profile) {
    case 'double-memory':
      return { memory: 0.5, computeSpeed: 1, hashSpeed: 1 };
    case 'fake-gpu':
      return { memory: 1, computeSpeed: 0.25, hashSpeed: 1 };
    case 'sybil':
      return { memory: 1 / identitiesOnMachine, computeSpeed: 1 / identitiesOnMachine, hashSpeed: 1 / identitiesOnMachine };
    default:
      return { memory: 1, computeSpeed: 1, hashSpeed: 1 };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Makes a responder take as long as a device of `speed` × its claimed rate would: the real
 * work runs (its answers are genuine), then the device waits out the rest of the time the
 * slower hardware would need. The work per claim comes from the spec.
 */
function atSpeed(responder: ChallengeResponder, speed: number, claimedMs: (spec: unknown) => number): ChallengeResponder {
  if (speed >= 1) return responder;
  return {
    kind: responder.kind,
    async start(spec): Promise<StartedChallenge> {
      const started = performance.now();
      const challenge = await responder.start(spec);
      await sleep(claimedMs(spec) / speed - (performance.now() - started));
      return challenge;
    },
  };
}

/**
 * The challenge responders of one simulated device: the honest CPU path, scaled down to the
 * capacity its profile really has. Memory shortfalls are real (the capped responder holds
 * fewer pages and must regenerate or guess); speed shortfalls are simulated by waiting.
 * @param device - the planned device
 * @param context - its hardware report and how many identities share its machine
 */
export function simulatedResponders(device: SimulatedDevice, context: { hardware: Hardware; identitiesOnMachine: number }): ChallengeResponder[] {
  const capacity = simulatedCapacity(device, context.identitiesOnMachine);
  const honest = cpuChallengeResponders(context.hardware);
  const byKind = new Map(honest.map((r) => [r.kind, r]));
  const memory: ChallengeResponder =
    capacity.memory >= 1
      ? byKind.get('memory')!
      : {
          kind: 'memory',
          async start(spec) {
            const responder = new CappedMemoryResponder(spec, { holdFraction: capacity.memory });
            responder.fillSync();
            return { commitment: {}, answer: async (query) => ({ answers: responder.answer(Array.isArray(query.probes) ? query.probes : []) }), release: () => undefined };
          },
        };
  const computeMs = (spec: unknown) => {
    const s = validateComputeSpec(spec);
    return (computeSpecFlops(s) / s.claimedFlops) * 1000;
  };
  const powMs = (spec: unknown) => {
    const s = validatePowSpec(spec);
    return ((s.shares * 2 ** s.difficultyBits) / s.claimedHashesPerSecond) * 1000;
  };
  return [memory, atSpeed(byKind.get('compute')!, capacity.computeSpeed, computeMs), atSpeed(byKind.get('pow')!, capacity.hashSpeed, powMs)];
}
