import { describe, expect, it } from 'vitest';
import { datasetSampler, generateDataset } from './generate-dataset';
import type { DatasetSpec } from './dataset-spec';

const specs: DatasetSpec[] = [
  { kind: 'gaussian-mixture', seed: 'sampler', classes: 4, dim: 6, size: 100, spread: 0.5 },
  { kind: 'shapes', seed: 'sampler', classes: 4, side: 8, size: 100, noise: 0.1 },
];

// The examples themselves are pinned by the conformance vectors (a mixture and a shapes draw in
// conformance-cases.ts): these tests check the chunking.
describe('datasetSampler', () => {
  it.each(specs)('draws a $kind split in chunks that join to the one-call draw', (spec) => {
    const whole = generateDataset({ spec, split: 'heldout/x', count: 40 });
    const next = datasetSampler({ spec, split: 'heldout/x' });
    const parts = [next(8), next(0), next(24), next(8)];
    expect(parts.map((p) => p.count)).toEqual([8, 0, 24, 8]);
    expect(Float32Array.from(parts.flatMap((p) => [...p.inputs]))).toEqual(whole.inputs);
    expect(Uint32Array.from(parts.flatMap((p) => [...p.labels]))).toEqual(whole.labels);
    expect(parts[0]!.inputShape).toEqual(whole.inputShape);
  });

  it('draws other examples for another split of the same distribution', () => {
    const a = datasetSampler({ spec: specs[0]!, split: 'train' })(16);
    const b = datasetSampler({ spec: specs[0]!, split: 'heldout/y' })(16);
    expect(a.inputs).not.toEqual(b.inputs);
  });

  it('refuses a tabular spec, which has bytes rather than a seed', () => {
    expect(() => datasetSampler({ spec: { kind: 'tabular', location: { store: 'coordinator' }, sha256: 'ab'.repeat(32), size: 10, dim: 2, classes: 2 }, split: 'train' })).toThrow(/not seed-generated/);
  });
});
