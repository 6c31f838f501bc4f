import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { BaseError } from '@tensorgrid/protocol';
import { datasetInputShape } from './dataset-spec';
import type { Dataset } from './generate-dataset';
import type { TabularSpec } from './tabular-spec';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const LABEL = /^\d+$/;

/**
 * Parses a real dataset from its bytes, after checking they hash to `spec.sha256`.
 *
 * The format: UTF-8 CSV, one example per line (`\n` or `\r\n`; blank lines are skipped), `dim`
 * feature columns then the label as the last column. Features are decimal numbers (`-1.5`,
 * `2e-3`; no `NaN`, `Infinity` or hex), read as float32 (correctly rounded, so every node gets
 * the same bits); the label is an integer in [0, classes). An optional header line (the first
 * line, when any of its fields is not a number) is skipped. The file must hold exactly
 * `spec.size` rows.
 * @param spec - the dataset's spec (hash, size, dim, classes, shape)
 * @param bytes - the file's bytes
 * @throws BaseError DATASET_HASH_MISMATCH when the bytes are not the spec's; VALIDATION_FAILED naming the first bad line
 */
export function parseTabularDataset(spec: TabularSpec, bytes: Uint8Array): Dataset {
  const actual = bytesToHex(sha256(bytes));
  if (actual !== spec.sha256) {
    throw new BaseError('DATASET_HASH_MISMATCH', `The dataset's bytes hash to ${actual}, not the spec's ${spec.sha256}`, {
      data: { expected: spec.sha256, actual },
      details: 'The file changed or is not the one the spec names; fix the spec\'s dataset.sha256 or fetch the right file.',
    });
  }
  const text = decodeUtf8(bytes);
  const lines = dataLines(text);
  const bad = (n: number, why: string): BaseError =>
    new BaseError('VALIDATION_FAILED', `Invalid dataset, line ${n}: ${why}`, { data: { line: n } });
  if (lines.length !== spec.size) throw new BaseError('VALIDATION_FAILED', `Invalid dataset: ${lines.length} rows, but the spec says size ${spec.size}`, { data: { rows: lines.length, size: spec.size } });

  const inputs = new Float32Array(spec.size * spec.dim);
  const labels = new Uint32Array(spec.size);
  lines.forEach((line, row) => {
    const fields = line.text.split(',');
    if (fields.length !== spec.dim + 1) throw bad(line.n, `${fields.length} columns, expected ${spec.dim + 1} (dim features and a label)`);
    for (let d = 0; d < spec.dim; d++) {
      const f = fields[d]!.trim();
      if (!DECIMAL.test(f)) throw bad(line.n, `column ${d + 1} (${JSON.stringify(f.slice(0, 20))}) is not a decimal number`);
      inputs[row * spec.dim + d] = Math.fround(Number(f));
    }
    const label = fields[spec.dim]!.trim();
    if (!LABEL.test(label) || Number(label) >= spec.classes) throw bad(line.n, `label ${JSON.stringify(label.slice(0, 20))} is not an integer in [0, ${spec.classes})`);
    labels[row] = Number(label);
  });
  return { inputs, labels, count: spec.size, inputShape: datasetInputShape(spec), classes: spec.classes };
}

/**
 * The number of examples (data rows) in a tabular file, without checking them: what a spec's
 * `size` should say.
 * @param bytes - the file's bytes
 * @throws BaseError VALIDATION_FAILED when the bytes are not UTF-8
 */
export function countTabularRows(bytes: Uint8Array): number {
  return dataLines(decodeUtf8(bytes)).length;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new BaseError('VALIDATION_FAILED', 'The dataset is not UTF-8 text', { cause });
  }
}

/** Non-blank lines with their 1-based numbers, less a header line (a first line with a field that is not a number). */
function dataLines(text: string): { n: number; text: string }[] {
  const lines = text.split('\n').map((l, i) => ({ n: i + 1, text: l.endsWith('\r') ? l.slice(0, -1) : l })).filter((l) => l.text.trim() !== '');
  const first = lines[0];
  if (first && first.text.split(',').some((f) => !DECIMAL.test(f.trim()))) lines.shift();
  return lines;
}
