import { createTrainer, generateDataset, jobGas, parseTrainingJob, trainingSpecSchema } from '@tensorgrid/tensor';

/** A small fixed job (an MLP on a seed-drawn mixture) whose steps cost what real steps cost per FLOP. */
const PROBE_SPEC = trainingSpecSchema.parse({
  version: 1,
  model: { input: [32], layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 4 }] },
  dataset: { kind: 'gaussian-mixture', seed: 'speed-probe', classes: 4, dim: 32, size: 256 },
  optimizer: { kind: 'adam' },
  lr: 0.001,
  batchSize: 32,
  epochs: 1_000,
});

/** What {@link measureTrainingSpeed} found. */
export interface TrainingSpeed {
  /** Estimated FLOPs per CPU second of canonical training. */
  flopsPerSecond: number;
  steps: number;
  cpuMs: number;
}

/**
 * Measures this machine's canonical training speed once: trains a small fixed job in-process
 * for about `budgetMs` of CPU time and divides its estimated FLOPs (the same estimate as a
 * job's gas) by the CPU time it used (`process.cpuUsage`).
 * @param budgetMs - CPU time to spend @default 300
 */
export function measureTrainingSpeed(budgetMs = 300): TrainingSpeed {
  const job = parseTrainingJob({ jobId: '1', jobSeed: '00'.repeat(32), spec: PROBE_SPEC });
  const trainer = createTrainer(job, generateDataset({ spec: PROBE_SPEC.dataset, split: 'train' }));
  const flopsPerStep = Number(jobGas(PROBE_SPEC).flops) / trainer.totalSteps;
  let state = trainer.initialState();
  trainer.step(state); // warm up (JIT) before timing
  const start = process.cpuUsage();
  let steps = 0;
  let cpuMs = 0;
  while (cpuMs < budgetMs && state.step < trainer.totalSteps) {
    state = trainer.step(state);
    steps += 1;
    const used = process.cpuUsage(start);
    cpuMs = (used.user + used.system) / 1_000;
  }
  return { flopsPerSecond: (steps * flopsPerStep) / (cpuMs / 1_000), steps, cpuMs };
}
