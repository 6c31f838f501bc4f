/**
 * examples/jobs/: every spec parses, has its gas, names data the devnet really ships (by
 * SHA-256), and trains a few steps on it with the canonical trainer; a real file's held-out
 * rows are a fair test for the verifier's default floor.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTrainer, evaluate, jobGas, jobSpecHash, loadDataset, parseJobSpec, train, GAS_WEI_PER_GFLOP } from '@tensorgrid/tensor';
import { defaultAccuracyFloor } from '@tensorgrid/verification';
import { describe, expect, it } from 'vitest';
import { devnetDatasets } from '../src/devnet/devnet-datasets';

const DIR = join(import.meta.dirname, '../../../examples/jobs');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const shipped = new Map(devnetDatasets().map((d) => [d.sha256, d]));

describe('examples/jobs', () => {
  it('holds an MLP on real tabular data, a CNN on real images and a job on seed-generated data', () => {
    const specs = files.map((f) => parseJobSpec(JSON.parse(readFileSync(join(DIR, f), 'utf8'))).training);
    expect(specs.some((s) => s.dataset.kind === 'tabular' && !s.dataset.shape && s.model.layers.every((l) => l.type === 'dense'))).toBe(true);
    expect(specs.some((s) => s.dataset.kind === 'tabular' && s.dataset.shape && s.model.layers.some((l) => l.type === 'conv2d'))).toBe(true);
    expect(specs.some((s) => s.dataset.kind !== 'tabular')).toBe(true);
  });

  it.each(files)('%s parses, has its gas, and trains a few steps on its data', (file) => {
    const spec = parseJobSpec(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
    const gas = jobGas(spec.training);
    expect(gas.flops).toBeGreaterThan(0n);
    expect(gas.gas).toBe(gas.gflop * GAS_WEI_PER_GFLOP);
    expect(jobSpecHash(spec)).toMatch(/^0x[0-9a-f]{64}$/);

    const ds = spec.training.dataset;
    const bytes = ds.kind === 'tabular' ? shipped.get(ds.sha256)?.bytes : undefined;
    if (ds.kind === 'tabular') expect(bytes, `${file} names a dataset the devnet ships`).toBeDefined();
    const dataset = loadDataset({ spec: ds, split: 'train', ...(bytes ? { bytes } : {}) });
    const trainer = createTrainer({ jobId: '1', jobSeed: '5a'.repeat(32), spec: spec.training }, dataset);
    let state = trainer.initialState();
    const losses: number[] = [];
    for (let t = 0; t < 3; t++) {
      const out = trainer.stepOnBatch(state, trainer.batchAt(state.step));
      losses.push(out.loss);
      state = out.state;
    }
    expect(state.step).toBe(3);
    expect(losses.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
  });

  it.each(files.filter((f) => readFileSync(join(DIR, f), 'utf8').includes('"tabular"')))('%s holds rows out: its full training clears the default floor on them, W_0 does not', (file) => {
    const spec = parseJobSpec(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
    const ds = spec.training.dataset;
    if (ds.kind !== 'tabular') throw new Error(`${file} is not tabular`);
    expect(ds.heldOut).toBeGreaterThan(0);
    const bytes = shipped.get(ds.sha256)!.bytes;
    const heldOut = loadDataset({ spec: ds, split: 'held-out', bytes });
    const trainer = createTrainer({ jobId: '1', jobSeed: '5a'.repeat(32), spec: spec.training }, loadDataset({ spec: ds, split: 'train', bytes }));
    expect(trainer.totalSteps).toBe(spec.training.epochs * Math.floor((ds.size - ds.heldOut!) / spec.training.batchSize));
    const floor = defaultAccuracyFloor(ds.classes);
    expect(evaluate(trainer.model, trainer.initialState().params, heldOut).accuracy).toBeLessThan(floor);
    expect(evaluate(trainer.model, train(trainer, { checkpointEvery: 50 }).finalState.params, heldOut).accuracy).toBeGreaterThan(floor);
  });

  it('keeps the spec hashes they had before job specs could name a verification mode, held-out rows or a state hash', () => {
    // Pinned before the optional `verification`, `heldOut` and `stateHash` fields existed: a spec without them hashes as before.
    const withoutHeldOut = (json: { training: { dataset: { heldOut?: number }; stateHash?: string } }) => {
      delete json.training.dataset.heldOut;
      delete json.training.stateHash;
      return json;
    };
    const pinned: Record<string, string> = {
      'iris-mlp.json': '0x506d6f41c04d677280afa1711a81eb6f338c852e7cb1f4f739af790bcfa7c4f7',
      'mixture-mlp.json': '0x7cef3745380d9674a3d0d6a9b97ec349c8e6d8971f8788ce562a926c7066c919',
      'digits-cnn.json': '0xa693a0d9f5a5843e15d19e2e375346d81c66a4a5d7f3c63f6c5c45165331f4ba',
    };
    for (const [file, hash] of Object.entries(pinned)) expect(jobSpecHash(parseJobSpec(withoutHeldOut(JSON.parse(readFileSync(join(DIR, file), 'utf8')))))).toBe(hash);
  });
});
