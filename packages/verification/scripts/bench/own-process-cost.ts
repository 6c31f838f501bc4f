/**
 * Run by `bench:verifier-cost` as a child process: the native solver's CPU and the native
 * verifier's, in a process that holds what one agent holds (one job, its dataset, the node's
 * publication and answers), not the bench's other trainers and runs, whose heap makes every
 * garbage collection of a short verification (about 100 ms for the MLP) dearer. Solver runs and verifications take
 * turns (train, 10 verifications, train, …), so a slow stretch of the VM falls on both sides
 * of the ratio rather than on one. Prints one JSON line.
 * Usage: own-process-cost.ts <sgd|adam> <T> [sha256|blake3, default sha256] [rounds, default 3] [mlp|cnn, default mlp]
 */
import { createTrainer, generateDataset, train } from '@tensorgrid/tensor';
import { nativeHashes } from '@tensorgrid/tensor/native';
import { honestPublication } from '../../src/index';
import { costJob, OWN_PROCESS_ROUNDS, prepareAnswers, verifyAsAgent } from './cost-job';
import { cpuMs, cpuRuns } from './cpu-time';

const VERIFICATIONS_PER_ROUND = 10;
const [optimizer, steps, stateHash = 'sha256', rounds = String(OWN_PROCESS_ROUNDS), model = 'mlp'] = process.argv.slice(2);
const T = Number(steps);
if ((optimizer !== 'sgd' && optimizer !== 'adam') || !Number.isSafeInteger(T) || T < 500 || T % 500 !== 0 || (stateHash !== 'sha256' && stateHash !== 'blake3') || !Number.isSafeInteger(Number(rounds)) || Number(rounds) < 1 || (model !== 'mlp' && model !== 'cnn')) {
  process.stderr.write('usage: own-process-cost.ts <sgd|adam> <T, a multiple of 500> [sha256|blake3] [rounds] [mlp|cnn]\n');
  process.exit(2);
}
const job = costJob(optimizer, T, { stateHash, model });
const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
const solver = createTrainer(job, dataset, { hashes: nativeHashes });
const verifier = createTrainer(job, dataset, { hashes: nativeHashes });
let answers: { prepared: ReturnType<typeof prepareAnswers>; publication: ReturnType<typeof honestPublication> } | undefined;
let passed = true;
const solverRuns: number[] = [];
const verifierRuns: number[] = [];
for (let r = 0; r < Number(rounds); r++) {
  let run!: ReturnType<typeof train>;
  solverRuns.push(cpuMs(() => (run = train(solver, { checkpointEvery: 50 }))));
  // Every run is the same (deterministic): the first one's answers serve every round.
  answers ??= { prepared: prepareAnswers(solver, run), publication: honestPublication(solver, run) };
  const { prepared, publication } = answers;
  for (let v = 0; v < VERIFICATIONS_PER_ROUND; v++) {
    let ok = false;
    verifierRuns.push(cpuMs(() => (ok = verifyAsAgent(verifier, publication, prepared).passed)));
    passed &&= ok;
  }
}
process.stdout.write(`${JSON.stringify({ solverMs: cpuRuns(solverRuns), verifierMs: cpuRuns(verifierRuns), passed })}\n`);
