import { createHash } from 'node:crypto';
import { createTrainer, generateDataset, parseTrainingJob, train } from '@tensorgrid/tensor';
import { challengeSeed, honestPublication, openState, openTransition, sampleChallengeSteps, stepHashTree, verifyCommitment, type ChallengeOpening } from '../src/index';
const T = 2000;
const job = parseTrainingJob({ jobId: 'cost-sgd-2000', jobSeed: '3c'.repeat(32), spec: { version: 1,
  model: { input: [64], layers: [{ type: 'dense', units: 96, activation: 'relu' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10 }] },
  dataset: { kind: 'gaussian-mixture', seed: 'verifier-cost', classes: 10, dim: 64, size: 16_000, spread: 1 },
  optimizer: { kind: 'sgd', momentum: 0.9 }, schedule: { kind: 'cosine', warmupSteps: 20 }, lr: 0.05, batchSize: 32, epochs: T / 500 } });
const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
const solver = createTrainer(job, dataset, { sha256: () => createHash('sha256') });
const run = train(solver, { checkpointEvery: 50 });
const beacon = '9e'.repeat(32);
const steps = sampleChallengeSteps({ seed: challengeSeed(beacon, run.root), totalSteps: T, stepsPerEpoch: solver.stepsPerEpoch });
const answers = new Map<number, ChallengeOpening>();
for (const t of steps) answers.set(t, openTransition(solver, run, t));
const fin = openState(solver, run);
const pub = honestPublication(solver, run);
const v = createTrainer(job, dataset, { sha256: () => createHash('sha256') });
const cpu = (label: string, fn: () => void) => { const s = process.cpuUsage(); fn(); const d = process.cpuUsage(s); console.log(label, ((d.user + d.system) / 1000).toFixed(1), 'ms'); };
for (let i = 0; i < 3; i++) {
  cpu('verify', () => verifyCommitment({ trainer: v, commitment: pub, beacon, open: (t) => answers.get(t), openFinal: () => fin }));
  cpu('leaves', () => stepHashTree(pub, run.stepHashes, v.digest));
}
console.profile?.();
