import { BaseError } from '@tensorgrid/protocol';
import type { DatasetSpec } from './dataset-spec';
import { generateDataset, type Dataset } from './generate-dataset';
import { parseTabularDataset } from './parse-tabular-dataset';

/** What {@link loadDataset} materialises. */
export interface LoadDatasetParams {
  spec: DatasetSpec;
  /** `train`, or a held-out split of a seed-generated set. */
  split: string;
  /** A tabular dataset's file bytes (fetched from its location by the caller). */
  bytes?: Uint8Array;
}

/**
 * Materialises any dataset: draws a seed-generated one, or parses a tabular one from its
 * bytes (hash checked). A tabular file is the training split as a whole.
 * @param params - spec, split and, for tabular data, the bytes
 * @throws BaseError VALIDATION_FAILED (no bytes, a split a file does not have, a bad file), DATASET_HASH_MISMATCH
 */
export function loadDataset(params: LoadDatasetParams): Dataset {
  const { spec } = params;
  if (spec.kind !== 'tabular') return generateDataset({ spec, split: params.split });
  if (params.split !== 'train') throw new BaseError('VALIDATION_FAILED', `A tabular dataset has only the train split, not ${params.split}`);
  if (!params.bytes) throw new BaseError('VALIDATION_FAILED', 'A tabular dataset needs its bytes', { details: 'Fetch them from the spec\'s dataset.location and check them against dataset.sha256.' });
  return parseTabularDataset(spec, params.bytes);
}
