import { BaseError, type Hardware } from '@tensorgrid/protocol';
import type { ChallengeResponder, JsonRecord } from './challenge-responder';
import { ComputeResponder } from './compute-responder';
import { MemoryResponder } from './memory-responder';
import { respondPow } from './respond-pow';

const listOf = (query: JsonRecord, key: string): unknown[] => {
  const value = query[key];
  if (!Array.isArray(value)) throw new BaseError('VALIDATION_FAILED', `The challenge query has no ${key} list`);
  return value;
};

/**
 * The worker's own memory claim: its cards' VRAM, or its RAM for a CPU worker. A spec asking
 * to fill more than this is refused before anything is allocated.
 * @param hardware - what the worker reported
 */
export function claimedMemoryBytes(hardware: Hardware): number {
  return hardware.gpus.length ? hardware.gpus.reduce((sum, g) => sum + g.vramMiB * 2 ** 20, 0) : hardware.memoryBytes;
}

/**
 * The honest CPU path of the three challenge kinds, run in the worker's process: the memory
 * fill yields to the event loop between slices so heartbeats keep flowing; compute and
 * proof-of-work run one thread (the claims the coordinator sizes them to are one core's).
 * @param hardware - the worker's report, bounding what a spec may ask of it
 */
export function cpuChallengeResponders(hardware: Hardware): ChallengeResponder[] {
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
        const commitment = await responder.run();
        return {
          commitment: { ...commitment },
          answer: async (query) => ({ openings: responder.open(listOf(query, 'samples') as number[]) }),
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
