import { fetchDatasetBytes, getJobSpec, type CoordinatorClient } from '@tensorgrid/sdk';
import { BaseError } from '@tensorgrid/protocol';
import {
  createTrainer, deriveJobSeed, jobSpecHash, loadDataset, parseJobSpec, parseTabularDataset, parseTrainingJob, splitTabularDataset, type Dataset, type JobSpec, type Trainer,
} from '@tensorgrid/tensor';
import { nativeHashes } from '@tensorgrid/tensor/native';

/** A job's spec and the canonical trainer every party rebuilds from it. */
export interface LoadedJobTrainer {
  spec: JobSpec;
  trainer: Trainer;
  /** A tabular file's held-out rows (`dataset.heldOut`), which no step trained on; absent otherwise. */
  heldOutRows?: Dataset;
}

/**
 * Rebuilds a job's canonical trainer as its node trained it: the spec by its hash from the
 * coordinator's store, the training split (seed-generated, or the file's bytes checked against
 * their SHA-256, less the rows the spec holds out, which it returns apart), and jobSeed = H(jobId ‖ hash of the accept's block). States hash with
 * native hashes ({@link nativeHashes}).
 * @param coordinator - a coordinator client
 * @param job - the job id, its spec hash and the assignment beacon (accept block hash, hex without 0x)
 * @throws BaseError NOT_FOUND (unknown spec), VALIDATION_FAILED (invalid spec, or one whose hash is not the job's), DATASET_HASH_MISMATCH
 */
export async function loadJobTrainer(coordinator: CoordinatorClient, job: { jobId: string; specHash: string; assignment: string }): Promise<LoadedJobTrainer> {
  const spec = parseJobSpec((await getJobSpec(coordinator, { specHash: job.specHash })).spec);
  // The spec names the verification mode too: never trust the store to have served the one on chain.
  if (jobSpecHash(spec) !== job.specHash.toLowerCase()) {
    throw new BaseError('VALIDATION_FAILED', `The coordinator served a spec whose hash is ${jobSpecHash(spec)}, not the job's ${job.specHash}`, { details: 'The coordinator\'s spec store is wrong or tampered with: skip the job and report it.' });
  }
  const data = spec.training.dataset;
  const training = parseTrainingJob({ jobId: job.jobId, jobSeed: deriveJobSeed(job.jobId, job.assignment), spec: spec.training });
  if (data.kind !== 'tabular') return { spec, trainer: createTrainer(training, loadDataset({ spec: data, split: 'train' }), { hashes: nativeHashes }) };
  // Parsed (and hash-checked) once; both splits come from the same rows.
  const file = parseTabularDataset(data, await fetchDatasetBytes(coordinator, { sha256: data.sha256, location: data.location }));
  if (!data.heldOut) return { spec, trainer: createTrainer(training, file, { hashes: nativeHashes }) };
  const trainer = createTrainer(training, splitTabularDataset(data, file, 'train'), { hashes: nativeHashes });
  return { spec, trainer, heldOutRows: splitTabularDataset(data, file, 'held-out') };
}
