/**
 * Run by `bench:verifier-cost` as a child process: the native solver's CPU and the native
 * verifier's, in a process that holds what one agent holds (one job, its dataset, the node's
 * publication and answers), not the bench's other trainers and runs, whose heap makes every
 * garbage collection of a 100-ms verification dearer. Prints one JSON line.
 * Usage: own-process-cost.ts <sgd|adam> <T> [verifications, default 30]
 */
import { createTrainer, generateDataset, train } from '@tensorgrid/tensor';
import { nativeHashes } from '@tensorgrid/tensor/native';
import { challengeSeed, honestPublication, openState, openTransition, sampleChallengeSteps, verifyCommitment } from '../../src/index';
import { COST_BEACON, costJob } from './cost-job';
import { cpuMs } from './cpu-time';

const [optimizer, steps, reps = '30'] = process.argv.slice(2);
if ((optimizer !== 'sgd' && optimizer !== 'adam') || !Number.isSafeInteger(Number(steps))) {
  process.stderr.write('usage: own-process-cost.ts <sgd|adam> <T> [verifications]\n');
  process.exit(2);
}
const job = costJob(optimizer, Number(steps));
const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
const solver = createTrainer(job, dataset, { hashes: nativeHashes });
let run!: ReturnType<typeof train>;
const solverMs = cpuMs(() => (run = train(solver, { checkpointEvery: 50 })));
const challenged = sampleChallengeSteps({ seed: challengeSeed(COST_BEACON, run.root), totalSteps: run.stepHashes.length - 1, stepsPerEpoch: solver.stepsPerEpoch });
const answers = new Map(challenged.map((t) => [t, openTransition(solver, run, t)]));
const finalOpening = openState(solver, run);
const publication = honestPublication(solver, run);
const verifier = createTrainer(job, dataset, { hashes: nativeHashes });
let passed = true;
const runs = Array.from({ length: Number(reps) }, () =>
  cpuMs(() => {
    const report = verifyCommitment({ trainer: verifier, commitment: publication, beacon: COST_BEACON, open: (t) => answers.get(t), openFinal: () => finalOpening, leaves: { hashes: run.stepHashes } });
    passed &&= report.passed;
  }),
);
process.stdout.write(`${JSON.stringify({ solverMs, verifierMs: { mean: runs.reduce((a, b) => a + b, 0) / runs.length, min: Math.min(...runs), max: Math.max(...runs) }, passed })}\n`);
