/**
 * `npm run bench:tensor`: CPU cost of canonical training and its commitments
 * (research/verification.md §6.4, §6.11: solver overhead for commitments ≤ 3 %).
 *
 * For a ~10 k-parameter MLP (SGD-momentum) and a small CNN (Adam) it prints, measured with
 * `process.cpuUsage()` (CPU time, robust to a busy second core):
 * - ms of CPU per training step (forward, backward, optimizer, batch draw);
 * - the commitment overhead as % of training CPU: T+1 state hashes, the Merkle tree over
 *   them and a full checkpoint copy every K = 50 steps, each part timed on its own (least of
 *   3), against T steps alone (least of 3), with the pure @noble/hashes SHA-256 (the package
 *   default) and with node:crypto's injected; and, for comparison, the same split timed
 *   inside the training loop, where garbage collection a step triggers can land in either;
 * - one replayed step as a verifier runs it (`checkTransition`: hash of the opened state,
 *   two Merkle proofs, one canonical step, the next hash), and the solver's cost to answer
 *   a challenge (`stateAt` from the nearest checkpoint).
 */
import { hexToBytes } from '@noble/hashes/utils';
import { buildMerkleTree, merkleProof } from '@tensorgrid/domain';
import {
  checkTransition, cloneState, createTrainer, generateDataset, parseTrainingJob, stateAt, trainingFlops, train,
  type Trainer, type TrainRun,
} from '../src/index';
import { nativeHashes } from '../native/native-hashes';

const K = 50;

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

const JOBS = {
  'MLP 64-96-32-10, SGD-momentum, batch 32': {
    model: { input: [64], layers: [{ type: 'dense', units: 96, activation: 'relu' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10 }] },
    dataset: { kind: 'gaussian-mixture', seed: 'bench-mixture', classes: 10, dim: 64, size: 1024, spread: 1 },
    optimizer: { kind: 'sgd', momentum: 0.9 }, lr: 0.05, batchSize: 32, epochs: 8,
  },
  'the same MLP, batch 128 (hash cost per step is fixed, step cost grows with the batch)': {
    model: { input: [64], layers: [{ type: 'dense', units: 96, activation: 'relu' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10 }] },
    dataset: { kind: 'gaussian-mixture', seed: 'bench-mixture', classes: 10, dim: 64, size: 1024, spread: 1 },
    optimizer: { kind: 'sgd', momentum: 0.9 }, lr: 0.05, batchSize: 128, epochs: 16,
  },
  'CNN 1x12x12 conv6-conv8-dense4, Adam, batch 16': {
    model: { input: [1, 12, 12], layers: [{ type: 'conv2d', filters: 6, kernel: 3, activation: 'relu' }, { type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 4 }] },
    dataset: { kind: 'shapes', seed: 'bench-shapes', classes: 4, side: 12, size: 512, noise: 0.3 },
    optimizer: { kind: 'adam' }, lr: 0.005, batchSize: 16, epochs: 4,
  },
} as const;

/** The least of `reps` CPU timings of `fn` (the least disturbed by the other core's load). */
function leastMs(fn: () => void, reps = 3): number {
  return Math.min(...Array.from({ length: reps }, () => cpuMs(fn)));
}

/** Per-run CPU of the commitment work, each part timed on its own: T+1 state hashes, the tree, the checkpoint copies. */
function commitmentMs(trainer: Trainer, run: TrainRun): { hashMs: number; treeMs: number; checkpointMs: number } {
  const hashMs = leastMs(() => {
    for (let i = 0; i < 50; i++) trainer.hash(run.finalState);
  }) / 50;
  const treeMs = leastMs(() => buildMerkleTree(run.stepHashes.map((h) => hexToBytes(h))));
  const checkpointMs = leastMs(() => {
    for (let i = 0; i < run.checkpoints.size; i++) cloneState(run.finalState);
  });
  return { hashMs, treeMs, checkpointMs };
}

/** The same split measured inside the training loop: GC work triggered by a step may land in either part. */
function inLoopMs(trainer: Trainer): { stepsMs: number; commitMs: number } {
  let stepsMs = 0;
  let commitMs = 0;
  let state = trainer.initialState();
  const hashes = [trainer.hash(state)];
  for (let t = 0; t < trainer.totalSteps; t++) {
    stepsMs += cpuMs(() => (state = trainer.step(state)));
    commitMs += cpuMs(() => {
      hashes.push(trainer.hash(state));
      if (state.step % K === 0) cloneState(state);
    });
  }
  commitMs += cpuMs(() => buildMerkleTree(hashes.map((h) => hexToBytes(h))));
  return { stepsMs, commitMs };
}

const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(2)} %`;

for (const [name, spec] of Object.entries(JOBS)) {
  const job = parseTrainingJob({ jobId: 'bench', jobSeed: '5a'.repeat(32), spec: { version: 1, ...spec } });
  const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
  const noble = createTrainer(job, dataset);
  const native = createTrainer(job, dataset, { hashes: nativeHashes });
  train(noble, { checkpointEvery: K }); // warm the JIT
  const T = noble.totalSteps;
  const stepsMs = leastMs(() => {
    let state = native.initialState();
    for (let t = 0; t < T; t++) state = native.step(state);
  });
  const stepMs = stepsMs / T;
  const run = train(native, { checkpointEvery: K });
  const parts = [noble, native].map((trainer) => {
    const c = commitmentMs(trainer, run);
    return { ...c, totalMs: (T + 1) * c.hashMs + c.treeMs + c.checkpointMs };
  });
  const loop = inLoopMs(native);
  const samples = Array.from({ length: 24 }, (_, i) => Math.floor(((i + 0.5) * T) / 24));
  const states = samples.map((t) => stateAt(native, run, t));
  let replayMs = 0;
  for (const [i, t] of samples.entries()) {
    const opening = { root: run.root, leafCount: T + 1, state: states[i]!, hash: run.stepHashes[t]!, proof: merkleProof(run.tree, t), nextHash: run.stepHashes[t + 1]!, nextProof: merkleProof(run.tree, t + 1) };
    replayMs += cpuMs(() => {
      if (checkTransition(native, opening).kind !== 'valid') throw new Error(`honest step ${t} failed`);
    });
  }
  const answerMs = samples.reduce((s, t) => s + cpuMs(() => stateAt(native, run, t)), 0) / samples.length;
  const flops = trainingFlops(native.model, job.spec.optimizer);
  const stepFlops = flops.perExample * job.spec.batchSize + flops.optimizerPerStep;

  console.log(`\n${name}: ${native.model.paramCount} parameters, T = ${T} steps, K = ${K}`);
  console.log(`  training step              ${stepMs.toFixed(3)} ms CPU  (${(stepFlops / stepMs / 1e3).toFixed(0)} MFLOP/s float32-emulated)`);
  const [a, b] = parts as [(typeof parts)[number], (typeof parts)[number]];
  console.log(`  one state hash             ${a.hashMs.toFixed(3)} ms @noble/hashes, ${b.hashMs.toFixed(3)} ms node:crypto (${((4 * native.model.paramCount * (1 + run.finalState.slots.length)) / 1024).toFixed(0)} KiB)`);
  console.log(`  Merkle tree over ${T + 1} leaves ${b.treeMs.toFixed(2)} ms; ${run.checkpoints.size} checkpoint copies ${b.checkpointMs.toFixed(2)} ms`);
  console.log(`  commitments, @noble/hashes ${(a.totalMs / T).toFixed(3)} ms/step = ${pct(a.totalMs, stepsMs)} of training CPU`);
  console.log(`  commitments, node:crypto   ${(b.totalMs / T).toFixed(3)} ms/step = ${pct(b.totalMs, stepsMs)} of training CPU  (target ≤ 3 %)`);
  console.log(`    same, timed inside the loop (GC a step triggers may land in it): ${pct(loop.commitMs, loop.stepsMs)}`);
  console.log(`  one replayed step (verify) ${(replayMs / samples.length).toFixed(3)} ms CPU  (hash W_t, 2 Merkle proofs, 1 step, hash W_t+1; node:crypto)`);
  console.log(`  solver answers a challenge ${answerMs.toFixed(3)} ms CPU on average (replay from the nearest checkpoint, ≤ K−1 steps)`);
}
