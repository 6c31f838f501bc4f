import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BaseError, isBaseError } from '@tensorgrid/protocol';
import { countTabularRows, parseJobSpec, parseTabularDataset, type JobSpec } from '@tensorgrid/tensor';

/** A job spec read from a file, with the local dataset it named (to upload). */
export interface JobSpecFile {
  spec: JobSpec;
  /** The dataset file the spec named with `location: { file }`, now `location: { store: 'coordinator' }`. */
  dataset?: { path: string; bytes: Uint8Array };
}

const readOrThrow = (path: string, what: string): Buffer => {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new BaseError('VALIDATION_FAILED', `Cannot read the ${what} ${path}`, { cause, details: 'Check the path (a dataset file is relative to the spec file).' });
  }
};

/**
 * Reads and validates a job spec file. A tabular dataset may name a local file with
 * `location: { file: "data.csv" }` (relative to the spec): its SHA-256 and row count are filled
 * in when absent (and checked when present), the file is parsed against the spec, and the
 * location becomes the coordinator's store, where the caller uploads the bytes.
 * @param path - the spec file
 * @throws BaseError VALIDATION_FAILED naming the file and the bad field or line; DATASET_HASH_MISMATCH
 */
export function readJobSpecFile(path: string): JobSpecFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readOrThrow(path, 'spec file').toString('utf8'));
  } catch (cause) {
    if (isBaseError(cause)) throw cause;
    throw new BaseError('VALIDATION_FAILED', `${path} is not JSON: ${(cause as Error).message}`, { cause });
  }
  const dataset = (raw as { training?: { dataset?: Record<string, unknown> } } | null)?.training?.dataset;
  const location = dataset?.location as { file?: unknown } | undefined;
  let local: JobSpecFile['dataset'];
  if (dataset && typeof location?.file === 'string') {
    const file = resolve(dirname(path), location.file);
    const bytes = new Uint8Array(readOrThrow(file, 'dataset file'));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (dataset.sha256 !== undefined && dataset.sha256 !== sha256) {
      throw new BaseError('DATASET_HASH_MISMATCH', `${file} hashes to ${sha256}, not the spec's ${String(dataset.sha256)}`, { data: { expected: dataset.sha256, actual: sha256 }, details: 'Remove training.dataset.sha256 to take the file as it is, or restore the file.' });
    }
    dataset.sha256 = sha256;
    dataset.size ??= countTabularRows(bytes);
    dataset.location = { store: 'coordinator' };
    local = { path: file, bytes };
  }
  try {
    const spec = parseJobSpec(raw);
    if (local && spec.training.dataset.kind === 'tabular') parseTabularDataset(spec.training.dataset, local.bytes);
    return { spec, ...(local ? { dataset: local } : {}) };
  } catch (err) {
    if (!isBaseError(err)) throw err;
    throw new BaseError(err.code, `${path}: ${err.shortMessage}`, { data: err.data, details: 'Fix the spec (see examples/jobs/ and examples/jobs/README.md) and run again.' });
  }
}
