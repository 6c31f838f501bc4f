import { claimedMemoryBytes, validateMemorySpec, validatePowSpec, type MemoryProbe } from '@tensorgrid/domain';
import type { Hardware } from '@tensorgrid/protocol';
import type { ChallengeResponder } from './challenge-responder';
import { ComputeResponder, inLoopBatches, LOOPS_PER_BATCH } from './compute-responder';
import { cpuChallengeResponders } from './cpu-challenge-responders';
import type { GpuHelper } from './gpu-helper';

/**
 * The GPU path: memory is filled in VRAM, compute and proof-of-work run on the card, all
 * through the CUDA helper (`gpu/challenge_helper.py`, torch and Triton; the PoW on its SHA-256
 * kernel, one nonce a lane). The helper keeps one filled challenge at a time, which is all a
 * device is asked for. A worker with several cards passes one helper over all of them
 * (`shardGpuHelpers`): its challenges are sized to every card it reports.
 * @param hardware - the worker's report, bounding what a spec may ask of it
 * @param helper - a started helper (over all the worker's cards)
 * @param options - `pow: 'cpu'` answers proof-of-work on the CPU path (the helper failed only its PoW vectors)
 */
export function gpuChallengeResponders(hardware: Hardware, helper: GpuHelper, options: { pow?: 'gpu' | 'cpu' } = {}): ChallengeResponder[] {
  const maxBytes = claimedMemoryBytes(hardware);
  const cpuPow = options.pow === 'cpu' ? cpuChallengeResponders(hardware).find((r) => r.kind === 'pow') : undefined;
  return [
    {
      kind: 'memory',
      async start(rawSpec) {
        const spec = validateMemorySpec(rawSpec, { maxBytes });
        const fillMs = await helper.fill(spec);
        return {
          commitment: { fillMs },
          answer: async (query) => ({ answers: await helper.answer((Array.isArray(query.probes) ? query.probes : []) as MemoryProbe[]) }),
          release: () => void helper.release().catch(() => undefined),
        };
      },
    },
    {
      kind: 'compute',
      async start(spec) {
        const responder = new ComputeResponder(spec);
        const perBatch = LOOPS_PER_BATCH * Math.max(1, hardware.gpus.length);
        const commitment = await responder.run({ leaves: inLoopBatches((s, loops) => helper.loopLeaves(s, loops), perBatch), loopTiles: (s, loops) => helper.loopTiles(s, loops) });
        return { commitment: { ...commitment }, answer: async (query) => ({ openings: await responder.open(Array.isArray(query.samples) ? query.samples : []) }), release: () => undefined };
      },
    },
    cpuPow ?? {
      kind: 'pow',
      async start(rawSpec) {
        const spec = validatePowSpec(rawSpec);
        const { nonces, hashes } = await helper.pow(spec, { budgetMs: spec.deadlineMs });
        return { commitment: { nonces, hashes }, answer: async () => ({}), release: () => undefined };
      },
    },
  ];
}
