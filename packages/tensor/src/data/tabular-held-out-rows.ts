import { hexToBytes } from '@noble/hashes/utils';
import { createPrfStream } from '../prf/prf-stream';
import type { Dataset } from './generate-dataset';
import type { TabularSpec } from './tabular-spec';

/**
 * The rows of a tabular file that a spec holds out, ascending: the first `heldOut` entries of
 * a partial Fisher–Yates shuffle of 0..size−1 drawn from PRF(file's SHA-256, "tabular/held-out")
 * with unbiased `nextBelow`. The file fixes them, so the requester, every node and every
 * verifier agree on them before any job runs; no node can train on them, since every batch
 * comes from the protocol's permutation of the other rows and the replay checks it.
 * @param spec - the tabular spec (its sha256, size and heldOut)
 * @returns the held-out row indices (empty when the spec holds none out)
 */
export function tabularHeldOutRows(spec: TabularSpec): Uint32Array {
  const k = spec.heldOut ?? 0;
  const rng = createPrfStream({ seed: hexToBytes(spec.sha256), label: 'tabular/held-out' });
  const p = new Uint32Array(spec.size);
  for (let i = 0; i < spec.size; i++) p[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextBelow(spec.size - i);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p.slice(0, k).sort();
}

/**
 * A tabular file's training split (every row not held out, in file order) or its held-out
 * split (the held-out rows, ascending).
 * @param spec - the tabular spec
 * @param parsed - the whole file, as `parseTabularDataset` returns it
 * @param split - which split
 */
export function splitTabularDataset(spec: TabularSpec, parsed: Dataset, split: 'train' | 'held-out'): Dataset {
  const held = new Set(tabularHeldOutRows(spec));
  const rows: number[] = [];
  for (let r = 0; r < parsed.count; r++) if (held.has(r) === (split === 'held-out')) rows.push(r);
  const dim = parsed.inputs.length / parsed.count;
  const inputs = new Float32Array(rows.length * dim);
  const labels = new Uint32Array(rows.length);
  rows.forEach((r, i) => {
    inputs.set(parsed.inputs.subarray(r * dim, (r + 1) * dim), i * dim);
    labels[i] = parsed.labels[r]!;
  });
  return { inputs, labels, count: rows.length, inputShape: parsed.inputShape, classes: parsed.classes };
}
