import { BaseError } from '@tensorgrid/protocol';
import type { DatasetSpec } from './dataset-spec';
import { generateDataset, type Dataset } from './generate-dataset';
import { parseTabularDataset } from './parse-tabular-dataset';
import { splitTabularDataset } from './tabular-held-out-rows';

/** What {@link loadDataset} materialises. */
export interface LoadDatasetParams {
  spec: DatasetSpec;
  /** `train`; a seed-generated set's held-out split by name; a tabular file's `held-out` rows. */
  split: string;
  /** A tabular dataset's file bytes (fetched from its location by the caller). */
  bytes?: Uint8Array;
}

/**
 * Materialises any dataset: draws a seed-generated one, or parses a tabular one from its
 * bytes (hash checked) and takes its `train` rows (all but the spec's held-out ones) or its
 * `held-out` rows.
 * @param params - spec, split and, for tabular data, the bytes
 * @throws BaseError VALIDATION_FAILED (no bytes, a split a file does not have, a bad file), DATASET_HASH_MISMATCH
 */
export function loadDataset(params: LoadDatasetParams): Dataset {
  const { spec } = params;
  if (spec.kind !== 'tabular') return generateDataset({ spec, split: params.split });
  const { split } = params;
  if (split !== 'train' && !(split === 'held-out' && spec.heldOut)) {
    throw new BaseError('VALIDATION_FAILED', `This tabular dataset has no ${split} split`, { details: spec.heldOut ? 'Its splits are train and held-out.' : 'Its only split is train: the spec holds no rows out (dataset.heldOut).' });
  }
  if (!params.bytes) throw new BaseError('VALIDATION_FAILED', 'A tabular dataset needs its bytes', { details: 'Fetch them from the spec\'s dataset.location and check them against dataset.sha256.' });
  const file = parseTabularDataset(spec, params.bytes);
  return spec.heldOut ? splitTabularDataset(spec, file, split === 'train' ? 'train' : 'held-out') : file;
}
