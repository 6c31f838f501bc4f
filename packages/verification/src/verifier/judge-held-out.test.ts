import { evaluate } from '@tensorgrid/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { beaconOf, honestSetup } from '../../test/jobs';
import { defaultAccuracyFloor, heldOutDataset } from './held-out';
import { HELD_OUT_FIRST_LOOK, jobHeldOutOptions, judgeHeldOut, type HeldOutOptions } from './judge-held-out';

let h: ReturnType<typeof honestSetup>;
beforeAll(() => {
  h = honestSetup(); // 3 classes: floor 2/3
});

const beacon = beaconOf(3);
const judge = (params: Float32Array, options: HeldOutOptions = {}) => judgeHeldOut({ model: h.trainer.model, params, job: h.job, beacon, options });
/** The fixed rule on the first n examples of the same draw. */
const accuracyOn = (params: Float32Array, n: number) => evaluate(h.trainer.model, params, heldOutDataset(h.job, { beacon, count: n }));

describe('judgeHeldOut', () => {
  it('passes a trained model on the first 64 examples, with their accuracy', () => {
    const params = h.run.finalState.params;
    const verdict = judge(params);
    expect(verdict).toEqual({ passed: true, accuracy: accuracyOn(params, HELD_OUT_FIRST_LOOK).accuracy, floor: defaultAccuracyFloor(3), examples: HELD_OUT_FIRST_LOOK });
    expect(accuracyOn(params, 512).accuracy).toBeGreaterThanOrEqual(2 / 3); // the whole draw agrees
  });

  it('fails untrained weights on the first 64 examples', () => {
    const params = h.trainer.initialState().params;
    const verdict = judge(params);
    expect(verdict).toMatchObject({ passed: false, examples: HELD_OUT_FIRST_LOOK });
    expect(accuracyOn(params, 512).accuracy).toBeLessThan(2 / 3);
  });

  it('goes on to the whole draw for a model at its floor, and decides there by the fixed rule', () => {
    const params = h.run.finalState.params;
    const { accuracy } = accuracyOn(params, 512);
    expect(judge(params, { floor: accuracy })).toEqual({ passed: true, accuracy, floor: accuracy, examples: 512 });
    expect(judge(params, { floor: accuracy + 1e-9 })).toMatchObject({ passed: false, accuracy, examples: 512 });
  });

  it('stops at count, and takes a count under the first look in one look', () => {
    const params = h.run.finalState.params;
    const { accuracy } = accuracyOn(params, 20);
    expect(judge(params, { count: 20, floor: accuracy })).toEqual({ passed: true, accuracy, floor: accuracy, examples: 20 });
    expect(judge(params, { count: 100, floor: accuracyOn(params, 100).accuracy })).toMatchObject({ passed: true, examples: 100 });
    expect(() => judge(params, { count: 0 })).toThrow(RangeError);
  });

  it('evaluates a given dataset (a tabular file\'s held-out rows) whole', () => {
    const params = h.run.finalState.params;
    const rows = heldOutDataset(h.job, { beacon: beaconOf(9), count: 40 });
    expect(judge(params, { dataset: rows })).toEqual({ passed: true, accuracy: evaluate(h.trainer.model, params, rows).accuracy, floor: defaultAccuracyFloor(3), examples: 40 });
  });
});

describe('jobHeldOutOptions', () => {
  it('draws from the seed for generated data, judges a file on the rows it holds out, and has no check for a file that holds none', () => {
    const rows = heldOutDataset(honestSetup().job, { beacon: beaconOf(1), count: 4 });
    expect(jobHeldOutOptions({ kind: 'gaussian-mixture' }, undefined)).toEqual({});
    expect(jobHeldOutOptions({ kind: 'tabular', heldOut: 4 }, rows)).toEqual({ dataset: rows });
    expect(jobHeldOutOptions({ kind: 'tabular' }, undefined)).toBe(false);
    expect(() => jobHeldOutOptions({ kind: 'tabular', heldOut: 4 }, undefined)).toThrow('holds 4 rows out');
  });
});
