import { claimedMemoryBytes } from '@tensorgrid/domain';
import { BaseError, type Hardware } from '@tensorgrid/protocol';
import type { ChallengeResponder, JsonRecord } from './challenge-responder';
import { ComputeResponder, type ComputeKernel } from './compute-responder';
import { MemoryResponder } from './memory-responder';
import { respondPow } from './respond-pow';

const listOf = (query: JsonRecord, key: string): unknown[] => {
  const value = query[key];
  if (!Array.isArray(value)) throw new BaseError('VALIDATION_FAILED', `The challenge query has no ${key} list`);
  return value;
};

/**
 * The honest CPU path of the three challenge kinds, run in the worker's process: the memory
 * fill yields to the event loop between slices so heartbeats keep flowing; compute runs on
 * `compute` (the worker's compute threads, one per core it offers: the coordinator sizes a
 * CPU device's claim to its cores) or else on this thread; proof-of-work runs one thread
 * (its claim is one core's).
 * @param hardware - the worker's report, bounding what a spec may ask of it
 * @param options - where compute runs @default this thread
 */
export function cpuChallengeResponders(hardware: Hardware, options: { compute?: ComputeKernel } = {}): ChallengeResponder[] {
  const maxBytes = claimedMemoryBytes(hardware);
  return [
    {
      kind: 'memory',
      async start(spec) {
        const responder = new MemoryResponder(spec, { maxBytes });
        await responder.fill();
        return {
          commitment: { filledBytes: responder.heldBytes },
          answer: async (query) => ({ answers: responder.answer(listOf(query, 'probes') as never) }),
          release: () => responder.release(),
        };
      },
    },
    {
      kind: 'compute',
      async start(spec) {
        const responder = new ComputeResponder(spec);
        const commitment = await responder.run(options.compute);
        return {
          commitment: { ...commitment },
          answer: async (query) => ({ openings: await responder.open(listOf(query, 'samples')) }),
          release: () => undefined,
        };
      },
    },
    {
      kind: 'pow',
      async start(spec) {
        const { nonces, hashes } = respondPow(spec);
        return { commitment: { nonces, hashes }, answer: async () => ({}), release: () => undefined };
      },
    },
  ];
}
