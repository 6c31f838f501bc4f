import { describe, expect, it } from 'vitest';
import { mlpJobInput, trainerFor } from '../../test/jobs';
import { generateDataset } from '../data/generate-dataset';
import { canonicalReduction, lanesReduction, reversedReduction, shuffledReduction } from '../kernels/reduction';
import { learningRate } from '../optim/lr-schedule';
import { decodeTrainingState, encodeTrainingState } from './state-codec';
import { stateAt, train } from './train';
import { tolerantDistance } from './tolerant-distance';
import { createTrainer } from './trainer';

describe('tolerant mode: noisy reductions against gross cheats', () => {
  it('honest non-canonical orders land far inside a skipped step, which scores 1', () => {
    const { job, trainer } = trainerFor(mlpJobInput({ epochs: 1, size: 256 }));
    const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
    const run = train(trainer, { checkpointEvery: 1 }); // every state kept: stateAt is a lookup
    for (const [name, reduction] of [['canonical', canonicalReduction], ['reversed', reversedReduction], ['lanes4', lanesReduction(4)], ['shuffled', shuffledReduction(3)]] as const) {
      const noisy = createTrainer(job, dataset, { reduction });
      for (const t of [0, 7]) {
        const before = stateAt(trainer, run, t);
        const committed = stateAt(trainer, run, t + 1);
        const lr = learningRate(trainer.job.spec.schedule, trainer.job.spec.lr, { t, totalSteps: trainer.totalSteps });
        const d = tolerantDistance({ before, committed, replayed: noisy.step(before) }, lr);
        if (name === 'canonical') expect(d.epsilon).toBe(0);
        else expect(d.epsilon).toBeLessThan(1e-3);
        // A solver that skipped the step (W_{t+1} = W_t) is a full step away: ε = 1.
        expect(tolerantDistance({ before, committed: before, replayed: noisy.step(before) }, lr).epsilon).toBeGreaterThan(0.99);
      }
      if (name !== 'canonical') expect(noisy.hash(noisy.step(run.checkpoints.get(0)!))).not.toBe(run.stepHashes[1]); // exact mode needs the canonical order
    }
  });
});

describe('state codec', () => {
  it('round-trips a state bit for bit and refuses malformed bytes', () => {
    const { trainer } = trainerFor(mlpJobInput({ epochs: 1, size: 64 }));
    const state = trainer.step(trainer.initialState());
    const bytes = encodeTrainingState(state);
    const back = decodeTrainingState(bytes);
    expect(trainer.hash(back)).toBe(trainer.hash(state));
    expect(back.step).toBe(1);
    expect(() => decodeTrainingState(bytes.subarray(0, bytes.length - 1))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => decodeTrainingState(wrongMagic)).toThrow(/GTS1/);
    expect(() => decodeTrainingState(new Uint8Array(3))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
