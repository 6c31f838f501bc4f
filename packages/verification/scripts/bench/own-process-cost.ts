/**
 * Run by `bench:verifier-cost` as a child process: the native solver's CPU and the native
 * verifier's, in a process that holds what one agent holds (one job, its dataset, the node's
 * publication and answers), not the bench's other trainers and runs, whose heap makes every
 * garbage collection of a 100-ms verification dearer. Prints one JSON line.
 * Usage: own-process-cost.ts <sgd|adam> <T> [verifications, default 30]
 */
import { createTrainer, generateDataset, train } from '@tensorgrid/tensor';
import { nativeHashes } from '@tensorgrid/tensor/native';
import { honestPublication } from '../../src/index';
import { costJob, prepareAnswers, verifyAsAgent } from './cost-job';
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
const prepared = prepareAnswers(solver, run);
const publication = honestPublication(solver, run);
const verifier = createTrainer(job, dataset, { hashes: nativeHashes });
let passed = true;
const runs = Array.from({ length: Number(reps) }, () =>
  cpuMs(() => {
    passed &&= verifyAsAgent(verifier, publication, prepared).passed;
  }),
);
process.stdout.write(`${JSON.stringify({ solverMs, verifierMs: { mean: runs.reduce((a, b) => a + b, 0) / runs.length, min: Math.min(...runs), max: Math.max(...runs) }, passed })}\n`);
