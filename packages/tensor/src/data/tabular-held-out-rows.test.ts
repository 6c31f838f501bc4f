import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/code-of';
import { createTrainer } from '../training/trainer';
import { parseTrainingJob, trainingSteps } from '../training/training-job';
import { loadDataset } from './load-dataset';
import { tabularHeldOutRows } from './tabular-held-out-rows';
import { tabularSchema, type TabularSpec } from './tabular-spec';

// 20 rows; row r has features (r, −r) and label r mod 3, so every row is recognisable.
const ROWS = 20;
const bytes = utf8ToBytes(Array.from({ length: ROWS }, (_, r) => `${r},${-r},${r % 3}\n`).join(''));
const spec = (patch: Partial<TabularSpec> = {}): TabularSpec =>
  tabularSchema.parse({ kind: 'tabular', sha256: bytesToHex(sha256(bytes)), size: ROWS, dim: 2, classes: 3, location: { store: 'coordinator' }, heldOut: 5, ...patch });
const rowsOf = (d: { inputs: Float32Array; count: number }): number[] => Array.from({ length: d.count }, (_, i) => d.inputs[2 * i]!);

describe('tabularHeldOutRows', () => {
  it('holds out exactly heldOut distinct rows, ascending, fixed by the file hash', () => {
    const rows = Array.from(tabularHeldOutRows(spec()));
    expect(rows).toHaveLength(5);
    expect(new Set(rows).size).toBe(5);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(rows.every((r) => r >= 0 && r < ROWS)).toBe(true);
    expect(Array.from(tabularHeldOutRows(spec()))).toEqual(rows);
    expect(Array.from(tabularHeldOutRows(spec({ sha256: 'ab'.repeat(32) })))).not.toEqual(rows);
    expect(tabularHeldOutRows(spec({ heldOut: undefined }))).toHaveLength(0);
  });

  it('picks every row about equally often across files (unbiased draws)', () => {
    const counts = new Array<number>(ROWS).fill(0);
    const files = 2000;
    for (let f = 0; f < files; f++) for (const r of tabularHeldOutRows(spec({ sha256: bytesToHex(sha256(utf8ToBytes(`file ${f}`))) }))) counts[r]! += 1;
    // Each row is held out with probability 5/20 = 0.25: 500 of 2000 expected, σ ≈ 19.4, so ±100 is > 5σ.
    for (const c of counts) expect(Math.abs(c - 500)).toBeLessThan(100);
  });
});

describe('loadDataset with held-out rows', () => {
  it('splits the file into a train split in file order and the held-out rows, each row in exactly one', () => {
    const held = Array.from(tabularHeldOutRows(spec()));
    const train = loadDataset({ spec: spec(), split: 'train', bytes });
    const heldOut = loadDataset({ spec: spec(), split: 'held-out', bytes });
    expect(train.count).toBe(15);
    expect(heldOut.count).toBe(5);
    expect(rowsOf(heldOut)).toEqual(held);
    expect(rowsOf(train)).toEqual(Array.from({ length: ROWS }, (_, r) => r).filter((r) => !held.includes(r)));
    expect(Array.from(heldOut.labels)).toEqual(held.map((r) => r % 3));
    expect(Array.from(train.inputs.filter((_, i) => i % 2 === 1), (x) => x + 0)).toEqual(rowsOf(train).map((r) => 0 - r)); // -0 + 0 is 0
  });

  it('refuses a held-out split the spec does not hold, and any other split name', () => {
    expect(codeOf(() => loadDataset({ spec: spec({ heldOut: undefined }), split: 'held-out', bytes }))).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/no held-out split/) });
    expect(codeOf(() => loadDataset({ spec: spec(), split: 'heldout/abc', bytes }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(loadDataset({ spec: spec({ heldOut: undefined }), split: 'train', bytes }).count).toBe(ROWS);
  });

  it('rejects a spec that holds out every row, or leaves fewer training rows than a batch', () => {
    expect(tabularSchema.safeParse({ ...spec(), heldOut: ROWS }).success).toBe(false);
    const job = (batchSize: number) => ({
      jobId: '1', jobSeed: '11'.repeat(32),
      spec: { version: 1, model: { input: [2], layers: [{ type: 'dense', units: 3 }] }, dataset: spec(), optimizer: { kind: 'sgd' }, lr: 0.1, batchSize, epochs: 2 },
    });
    expect(codeOf(() => parseTrainingJob(job(16)))).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/batchSize/) });
    expect(trainingSteps(parseTrainingJob(job(4)).spec)).toEqual({ stepsPerEpoch: 3, totalSteps: 6 });
  });

  it('trains on the train split only: the trainer refuses the whole file', () => {
    const job = parseTrainingJob({
      jobId: '1', jobSeed: '11'.repeat(32),
      spec: { version: 1, model: { input: [2], layers: [{ type: 'dense', units: 3 }] }, dataset: spec(), optimizer: { kind: 'sgd' }, lr: 0.1, batchSize: 5, epochs: 1 },
    });
    const trainer = createTrainer(job, loadDataset({ spec: spec(), split: 'train', bytes }));
    const held = new Set(tabularHeldOutRows(spec()));
    for (let t = 0; t < trainer.totalSteps; t++) for (const r of rowsOf(trainer.batchAt(t))) expect(held.has(r)).toBe(false);
    expect(codeOf(() => createTrainer(job, loadDataset({ spec: spec({ heldOut: undefined }), split: 'train', bytes })))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
