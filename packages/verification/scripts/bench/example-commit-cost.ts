import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createTrainer, loadDataset, parseJobSpec, parseTrainingJob, STATE_HASH_ALGORITHMS, type StateHashAlgorithm } from '@tensorgrid/tensor';
import { leastCpuMs } from './cpu-time';
import { nativeHashes } from '@tensorgrid/tensor/native';

/** One example job's commitment cost, per state-hash algorithm. */
export interface ExampleCommitCost {
  file: string; params: number; batch: number; optimizer: string; steps: number; stepMs: number;
  hashUs: Record<StateHashAlgorithm, number>; commitPct: Record<StateHashAlgorithm, number>;
}

/**
 * Commitment overhead on a shipped example job: CPU of up to 300 steps alone against one
 * native state hash per step, with SHA-256 and with BLAKE3. A tabular file's rows are
 * replaced by ones drawn from a fixed LCG with the same size, dim and classes (the cost
 * depends on the model and batch only).
 * @param url - the spec's file
 */
export function measureExampleCommitCost(url: URL): ExampleCommitCost {
  const file = url.pathname.split('/').pop()!;
  const spec = parseJobSpec(JSON.parse(readFileSync(url, 'utf8')));
  let data = spec.training.dataset;
  let bytes: Uint8Array | undefined;
  if (data.kind === 'tabular') {
    let x = 12345;
    const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const { dim, classes, size } = data;
    const csv = Array.from({ length: size }, (_, i) => `${Array.from({ length: dim }, () => next().toFixed(4)).join(',')},${i % classes}`).join('\n');
    bytes = new TextEncoder().encode(`${csv}\n`);
    data = { ...data, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  const dataset = loadDataset({ spec: data, split: 'train', ...(bytes ? { bytes } : {}) });
  const trainerWith = (stateHash: StateHashAlgorithm) =>
    createTrainer(parseTrainingJob({ jobId: `example-${file}`, jobSeed: '5e'.repeat(32), spec: { ...spec.training, dataset: data, stateHash } }), dataset, { hashes: nativeHashes });
  const trainer = trainerWith('sha256');
  const steps = Math.min(trainer.totalSteps, 300);
  process.stderr.write(`example ${file}: ${steps} steps…\n`);
  let state = trainer.initialState();
  const stepsMs = leastCpuMs(() => {
    let s = trainer.initialState();
    for (let t = 0; t < steps; t++) s = trainer.step(s);
    state = s;
  }, 3);
  const hashUs = {} as Record<StateHashAlgorithm, number>;
  const commitPct = {} as Record<StateHashAlgorithm, number>;
  for (const algorithm of STATE_HASH_ALGORITHMS) {
    const hasher = trainerWith(algorithm);
    const hashMs = leastCpuMs(() => { for (let t = 0; t < steps; t++) hasher.hash(state); }, 3);
    hashUs[algorithm] = (1000 * hashMs) / steps;
    commitPct[algorithm] = (100 * hashMs) / stepsMs;
  }
  return { file, params: trainer.model.paramCount, batch: spec.training.batchSize, optimizer: spec.training.optimizer.kind, steps, stepMs: stepsMs / steps, hashUs, commitPct };
}
