import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../training/canonical-json';
import { jobSpecBytes, jobSpecHash, MAX_TOLERANCE_TAU, minimumJobMemoryBytes, parseJobSpec, verificationOf } from './job-spec';

const input = (patch: Record<string, unknown> = {}) => ({
  version: 1,
  training: {
    version: 1,
    model: { input: [4], layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3 }] },
    dataset: { kind: 'tabular', sha256: 'ab'.repeat(32), size: 150, dim: 4, classes: 3, location: { store: 'coordinator' } },
    optimizer: { kind: 'adam' },
    lr: 0.01,
    batchSize: 10,
    epochs: 5,
  },
  timeLimitSeconds: 600,
  memoryBytes: 1 << 20,
  ...patch,
});
const issuesOf = (value: unknown): { path: string; message: string }[] => {
  try {
    parseJobSpec(value);
  } catch (err) {
    expect((err as { code: string }).code).toBe('VALIDATION_FAILED');
    return (err as { data: { issues: { path: string; message: string }[] } }).data.issues;
  }
  throw new Error('expected the spec to be refused');
};

describe('job spec', () => {
  it('parses a spec and fills defaults, so the hash covers every value used', () => {
    const spec = parseJobSpec(input());
    expect(spec.training.schedule).toEqual({ kind: 'constant', warmupSteps: 0 });
    expect(jobSpecHash(spec)).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('hashes the canonical JSON: key order does not matter, any value does', () => {
    const a = parseJobSpec(input());
    const reordered = JSON.parse(canonicalJson(input())) as Record<string, unknown>;
    const b = parseJobSpec(Object.fromEntries(Object.entries(reordered).reverse()));
    expect(jobSpecHash(b)).toBe(jobSpecHash(a));
    expect(jobSpecHash(parseJobSpec(input({ timeLimitSeconds: 601 })))).not.toBe(jobSpecHash(a));
  });

  it('names the bad fields', () => {
    expect(issuesOf(input({ timeLimitSeconds: 0 })).map((i) => i.path)).toEqual(['timeLimitSeconds']);
    expect(issuesOf(input({ extra: 1 }))[0]!.message).toMatch(/extra/);
    const bad = input();
    (bad.training.dataset as Record<string, unknown>).location = { ftp: 'x' };
    expect(issuesOf(bad)[0]!.path).toBe('training.dataset.location');
    const wrongClasses = input();
    wrongClasses.training.dataset.classes = 4;
    expect(issuesOf(wrongClasses).map((i) => i.path)).toContain('training.model.layers');
  });

  it('needs memoryBytes to cover the training step\'s estimated peak', () => {
    const minimum = minimumJobMemoryBytes(parseJobSpec(input()).training);
    expect(minimum).toBeGreaterThan(0);
    expect(parseJobSpec(input({ memoryBytes: minimum })).memoryBytes).toBe(minimum);
    const issues = issuesOf(input({ memoryBytes: minimum - 1 }));
    expect(issues).toEqual([{ path: 'memoryBytes', message: expect.stringContaining(String(minimum)) as string }]);
  });

  describe('verification', () => {
    it('is exact when absent, and an absent field leaves the canonical JSON and the hash as they were before it existed', () => {
      const spec = parseJobSpec(input());
      expect(spec).not.toHaveProperty('verification');
      expect(verificationOf(spec)).toEqual({ mode: 'exact' });
      expect(new TextDecoder().decode(jobSpecBytes(spec))).not.toContain('verification');
      // Pinned before the field was added.
      expect(jobSpecHash(spec)).toBe('0x148c4942c55bc10d5757d577049432bee16ee2892856035829aa4c70a644c3d2');
    });

    it('takes tolerant with τ, which is part of the hash', () => {
      const tolerant = parseJobSpec(input({ verification: { mode: 'tolerant', tau: 0.002 } }));
      expect(verificationOf(tolerant)).toEqual({ mode: 'tolerant', tau: 0.002 });
      const plain = jobSpecHash(parseJobSpec(input()));
      expect(jobSpecHash(tolerant)).not.toBe(plain);
      expect(jobSpecHash(parseJobSpec(input({ verification: { mode: 'tolerant', tau: 0.003 } })))).not.toBe(jobSpecHash(tolerant));
      // Naming exact explicitly is a different spec text, so a different hash; the mode is the same.
      const exact = parseJobSpec(input({ verification: { mode: 'exact' } }));
      expect(verificationOf(exact)).toEqual({ mode: 'exact' });
      expect(jobSpecHash(exact)).not.toBe(plain);
    });

    it.each([
      [{ mode: 'tolerant' }],
      [{ mode: 'tolerant', tau: 0 }],
      [{ mode: 'tolerant', tau: -0.01 }],
      [{ mode: 'tolerant', tau: MAX_TOLERANCE_TAU * 2 }],
      [{ mode: 'tolerant', tau: Number.POSITIVE_INFINITY }],
      [{ mode: 'tolerant', tau: Number.NaN }],
      [{ mode: 'tolerant', tau: '0.01' }],
      [{ mode: 'exact', tau: 0.01 }],
      [{ mode: 'fuzzy' }],
    ])('refuses %o, naming the field', (verification) => {
      expect(issuesOf(input({ verification }))[0]!.path).toMatch(/^verification/);
    });
  });
});
