import { fetchDatasetBytes, getJobSpec, type CoordinatorClient } from '@tensorgrid/sdk';
import { isBaseError } from '@tensorgrid/protocol';
import { jobGas, jobSpecHash, loadDataset, parseJobSpec, verificationOf } from '@tensorgrid/tensor';
import { jobHeldOutOptions } from '@tensorgrid/verification';
import type { JobSpecPort, ResolvedSpec } from './core/job-runner-ports';

/**
 * The node's spec port over the coordinator's spec store: the spec is fetched by its hash,
 * parsed (and its hash checked, so the coordinator cannot hand out another job), costed with
 * the same estimate as the job's gas, and its training split is loaded on demand (drawn from
 * its seed, or fetched from its location and checked against its SHA-256), and so are its
 * held-out rows (a file whose spec holds some out) for the node's own check before a contest.
 * @param client - a coordinator client
 * @returns undefined for a spec the coordinator lacks or that does not parse
 */
export function createJobSpecAdapter(client: CoordinatorClient): JobSpecPort {
  return {
    async resolve(specHash): Promise<ResolvedSpec | undefined> {
      let raw: unknown;
      try {
        raw = (await getJobSpec(client, { specHash })).spec;
      } catch (err) {
        if (isBaseError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION_FAILED')) return undefined;
        throw err;
      }
      let spec;
      try {
        spec = parseJobSpec(raw);
      } catch {
        return undefined;
      }
      if (jobSpecHash(spec).toLowerCase() !== specHash.toLowerCase()) return undefined;
      const dataset = spec.training.dataset;
      const cost = jobGas(spec.training);
      return {
        training: spec.training,
        timeLimitSeconds: spec.timeLimitSeconds,
        memoryBytes: spec.memoryBytes,
        flops: Number(cost.flops),
        gas: cost.gas,
        verification: verificationOf(spec),
        async dataset() {
          if (dataset.kind !== 'tabular') return loadDataset({ spec: dataset, split: 'train' });
          const bytes = await fetchDatasetBytes(client, { sha256: dataset.sha256, location: dataset.location });
          return loadDataset({ spec: dataset, split: 'train', bytes });
        },
        async heldOut() {
          if (dataset.kind !== 'tabular' || !dataset.heldOut) return jobHeldOutOptions(dataset, undefined);
          const bytes = await fetchDatasetBytes(client, { sha256: dataset.sha256, location: dataset.location });
          return jobHeldOutOptions(dataset, loadDataset({ spec: dataset, split: 'held-out', bytes }));
        },
      };
    },
  };
}
