import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/code-of';
import { loadDataset } from './load-dataset';
import { countTabularRows, parseTabularDataset } from './parse-tabular-dataset';
import { tabularSchema, type TabularSpec } from './tabular-spec';

const CSV = 'sepal,petal,label\n5.1,0.2,0\r\n\n4.9,1e-1,1\n-0.5,.25,2\n';
const bytes = utf8ToBytes(CSV);
const spec = (patch: Partial<TabularSpec> = {}): TabularSpec =>
  tabularSchema.parse({ kind: 'tabular', sha256: bytesToHex(sha256(bytes)), size: 3, dim: 2, classes: 3, location: { store: 'coordinator' }, ...patch });

describe('parseTabularDataset', () => {
  it('reads float32 features and labels, skipping a header and blank lines', () => {
    const d = parseTabularDataset(spec(), bytes);
    expect(Array.from(d.inputs)).toEqual([5.1, 0.2, 4.9, 0.1, -0.5, 0.25].map(Math.fround));
    expect(Array.from(d.labels)).toEqual([0, 1, 2]);
    expect(d).toMatchObject({ count: 3, inputShape: [2], classes: 3 });
    expect(countTabularRows(bytes)).toBe(3);
  });

  it('refuses bytes whose SHA-256 is not the spec\'s, before parsing', () => {
    const other = utf8ToBytes(CSV.replace('5.1', '5.2'));
    expect(codeOf(() => parseTabularDataset(spec(), other))).toMatchObject({ code: 'DATASET_HASH_MISMATCH' });
  });

  it('names the first bad line: columns, numbers, labels, row count', () => {
    const check = (csv: string, patch: Partial<TabularSpec>, pattern: RegExp) => {
      const b = utf8ToBytes(csv);
      const r = codeOf(() => parseTabularDataset(spec({ sha256: bytesToHex(sha256(b)), ...patch }), b));
      expect(r).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((r as { message: string }).message).toMatch(pattern);
    };
    check('1,2,0\n1,0\n', { size: 2 }, /line 2: 2 columns, expected 3/);
    check('1,2,0\n1,NaN,1\n', { size: 2 }, /line 2: column 2 .* not a decimal/);
    check('1,2,0\n1,0x10,1\n', { size: 2 }, /line 2: column 2/);
    check('1,2,3\n', { size: 1 }, /line 1: label "3" is not an integer in \[0, 3\)/);
    check('1,2,0\n1,2,1.5\n', { size: 2 }, /line 2: label "1.5"/);
    check('1,2,0\n', { size: 2 }, /1 rows, but the spec says size 2/);
  });

  it('reads rows as images when the spec gives a shape, and the schema checks it multiplies out', () => {
    const img = utf8ToBytes('1,0,0,1,1\n0,1,1,0,0\n');
    const d = parseTabularDataset(spec({ sha256: bytesToHex(sha256(img)), size: 2, dim: 4, classes: 2, shape: [1, 2, 2] }), img);
    expect(d.inputShape).toEqual([1, 2, 2]);
    expect(tabularSchema.safeParse({ ...spec(), dim: 4, shape: [1, 2, 3] }).success).toBe(false);
  });

  it('loadDataset parses tabular bytes, draws seed-generated sets, and refuses what it cannot load', () => {
    expect(loadDataset({ spec: spec(), split: 'train', bytes }).count).toBe(3);
    expect(codeOf(() => loadDataset({ spec: spec(), split: 'train' }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(codeOf(() => loadDataset({ spec: spec(), split: 'held-out', bytes }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    const generated = loadDataset({ spec: { kind: 'shapes', seed: 's', size: 8, classes: 4, side: 6, noise: 0.1 }, split: 'train' });
    expect(generated).toMatchObject({ count: 8, inputShape: [1, 6, 6] });
  });
});
