import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trainerFor } from '../../test/jobs';
import { checkTransition } from './check-transition';
import { stateAt, train } from './train';
import { cloneState } from './training-state';
import { merkleProof } from '@tensorgrid/domain';

const optimizer = fc.oneof(
  fc.record({ kind: fc.constant('sgd'), momentum: fc.constantFrom(0, 0.5, 0.9), weightDecay: fc.constantFrom(0, 0.001) }),
  fc.record({ kind: fc.constant('adam'), beta1: fc.constantFrom(0.8, 0.9), beta2: fc.constantFrom(0.99, 0.999), eps: fc.constantFrom(1e-8, 1e-6), weightDecay: fc.constantFrom(0, 0.01) }),
);
const schedule = fc.oneof(
  fc.record({ kind: fc.constant('constant'), warmupSteps: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('step'), warmupSteps: fc.integer({ min: 0, max: 2 }), every: fc.integer({ min: 1, max: 4 }), gamma: fc.constantFrom(0.5, 0.9) }),
  fc.record({ kind: fc.constant('cosine'), warmupSteps: fc.integer({ min: 0, max: 2 }), minLr: fc.constantFrom(0, 0.001) }),
);
const mlp = fc.record({
  dim: fc.integer({ min: 1, max: 6 }),
  hidden: fc.array(fc.record({ units: fc.integer({ min: 1, max: 6 }), activation: fc.constantFrom('relu', 'linear') }), { maxLength: 2 }),
});
const cnn = fc.record({ side: fc.integer({ min: 4, max: 6 }), filters: fc.integer({ min: 1, max: 3 }), kernel: fc.constantFrom(1, 3), padding: fc.constantFrom('valid', 'same') });

function jobOf(arch: { dim: number; hidden: { units: number; activation: string }[] } | { side: number; filters: number; kernel: number; padding: string }, rest: { classes: number; seed: string; optimizer: unknown; schedule: unknown; batchSize: number; epochs: number }): unknown {
  const dataset = 'dim' in arch
    ? { kind: 'gaussian-mixture', seed: rest.seed, classes: rest.classes, dim: arch.dim, size: 12 }
    : { kind: 'shapes', seed: rest.seed, classes: Math.min(rest.classes, 4), side: arch.side, size: 12 };
  const layers = 'dim' in arch
    ? [...arch.hidden.map((h) => ({ type: 'dense', ...h })), { type: 'dense', units: rest.classes }]
    : [{ type: 'conv2d', filters: arch.filters, kernel: arch.kernel, padding: arch.padding, activation: 'relu' }, { type: 'flatten' }, { type: 'dense', units: Math.min(rest.classes, 4) }];
  return {
    jobId: `prop-${rest.seed}`,
    jobSeed: rest.seed.padEnd(64, '0').slice(0, 64),
    spec: { version: 1, model: { input: 'dim' in arch ? [arch.dim] : [1, arch.side, arch.side], layers }, dataset, optimizer: rest.optimizer, schedule: rest.schedule, lr: 0.05, batchSize: rest.batchSize, epochs: rest.epochs },
  };
}

describe('replay (property)', () => {
  it('every step of a random small job replays exactly from its checkpoints and passes the one-step check; a flipped bit never does', () => {
    fc.assert(
      fc.property(
        fc.oneof(mlp, cnn),
        fc.record({
          classes: fc.integer({ min: 2, max: 5 }),
          seed: fc.stringMatching(/^[0-9a-f]{8}$/),
          optimizer,
          schedule,
          batchSize: fc.integer({ min: 1, max: 6 }),
          epochs: fc.integer({ min: 1, max: 2 }),
        }),
        fc.record({ checkpointEvery: fc.integer({ min: 1, max: 5 }), flip: fc.nat() }),
        (arch, rest, { checkpointEvery, flip }) => {
          const { trainer } = trainerFor(jobOf(arch, rest));
          const run = train(trainer, { checkpointEvery });
          expect(run.stepHashes).toHaveLength(trainer.totalSteps + 1);
          for (let t = 0; t < trainer.totalSteps; t++) {
            const state = stateAt(trainer, run, t);
            const verdict = checkTransition(trainer, {
              root: run.root, leafCount: run.stepHashes.length, state,
              hash: run.stepHashes[t]!, proof: merkleProof(run.tree, t),
              nextHash: run.stepHashes[t + 1]!, nextProof: merkleProof(run.tree, t + 1),
            });
            expect(verdict).toEqual({ kind: 'valid' });
          }
          // Any single-bit flip in an opened state (weights or optimizer slots) is caught.
          const t = flip % trainer.totalSteps;
          const state = cloneState(stateAt(trainer, run, t));
          const buffers = [state.params, ...state.slots];
          const words = new Uint32Array(buffers[flip % buffers.length]!.buffer);
          words[(flip >>> 3) % words.length]! ^= 1 << (flip % 32);
          expect(trainer.hash(state)).not.toBe(run.stepHashes[t]);
        },
      ),
      { numRuns: 40, seed: 20261122 },
    );
  });
});
