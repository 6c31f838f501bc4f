/**
 * `npm run bench:verifier-cost`: the CPU cost of verification against the solver's
 * (research/verification.md §6.11: verifier/solver ≤ 3 % at T ≥ 2,000, ≤ 1 % stretch at
 * T ≥ 10⁴; commitments ≤ 3 % of training; disputes 1 round, ≤ 1 training step of referee CPU).
 *
 * Job: MLP 64-96-32-10 (9,674 parameters) on a 10-class Gaussian mixture (16,000 examples,
 * batch 32, 500 steps per epoch: 4 epochs at T = 2,000, 20 at T = 10,000), with SGD-momentum
 * and with Adam (--steps to change T). Every epoch boundary is always checked, so E matters:
 * the verifier checks about q + E + 2 transitions. All figures are CPU time from `process.cpuUsage()`, so they hold
 * with the second core busy. Per job:
 * - solver: `train()` with checkpoints every 50 steps (steps + T+1 state hashes + Merkle tree),
 *   with the package's pure SHA-256 (@noble/hashes) and with node:crypto's injected (as an
 *   agent would); the verifier likewise, so each ratio compares like with like;
 * - BLAKE3: the same job with `stateHash: 'blake3'` (other state hashes, same steps), solver
 *   and verifier with the native addon the agents inject;
 * - steps only: the same T steps without hashing; commitment overhead = (hash T+1 states +
 *   build the tree) / steps only, each timed on its own;
 * - verifier: `verifyCommitment` as the agent runs it (exact, q = 48 + first, last, epoch
 *   boundaries, W_0, the sequential held-out test over 64 to 512 examples, and the root of the
 *   node's published step hashes, which then stand in for the openings' proofs), mean CPU of 10 runs, with the solver's answers prepared beforehand (their cost, the
 *   solver's, is shown apart); the verifier's one-off setup (drawing the 1,600-example
 *   training set and compiling the model) is shown apart too;
 * - dispute: one `refereeStep` on a sampled transition (least of 15; the referee does the same
 *   work whichever side is right), with both hashes, against one training step from the same
 *   opened state (least of 15 too: a least against a mean of T steps mixed two statistics) and
 *   the whole job; rounds and bytes;
 * - each in a process of its own, with SHA-256 and with BLAKE3 state hashes: three native
 *   training runs, each followed by 10 native verifications, in a child process holding only
 *   that job (as an agent does; this process's other trainers and runs make each garbage
 *   collection of a 100-ms verification dearer; taking turns spreads the VM's slow stretches
 *   over both sides of the ratio);
 * - the same in a process of its own for a small CNN with Adam (conv 6, conv 8, dense 4: 2,552
 *   parameters, batch 16 on 12×12 shape images, the same 500 steps an epoch): a step of about
 *   three times the MLP's CPU over a quarter of its state, so its state hashes weigh less;
 * - example jobs: commitment overhead (native SHA-256 and native BLAKE3) for each spec in examples/jobs/.
 *   --steps 2000,10000   --json   --help
 */
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { hexToBytes } from '@noble/hashes/utils';
import { buildMerkleTree, merkleDepth } from '@tensorgrid/domain';
import { createTrainer, generateDataset, STATE_HASH_ALGORITHMS, train, type StateHashAlgorithm, type Trainer } from '@tensorgrid/tensor';
import { nativeBlake3, nativeHashes } from '@tensorgrid/tensor/native';
import { z } from 'zod';
import { honestPublication, refereeStep, type verifyCommitment } from '../src/index';
import { cpuMs, leastCpuMs, meanCpuMs, type CpuRuns } from './bench/cpu-time';
import { costJob, prepareAnswers, verifyAsAgent, type CostModel } from './bench/cost-job';
import { measureExampleCommitCost } from './bench/example-commit-cost';
import { measureInOwnProcess, type OwnProcessCost } from './bench/measure-in-own-process';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '2000,10000' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
if (values.help) {
  process.stdout.write('Usage: npm run bench:verifier-cost -- [--steps 2000,10000] [--json]\nThe MLP (SGD, Adam) at each T: solver, verifier, referee and commitment CPU, also in a process of its own; the CNN (Adam) at each T in a process of its own (about 1.5 min per T of 2,000 on a 2-core VM, five times that at 10,000); the example jobs\' commitment overhead. Results: packages/verification/bench-results/verifier-cost.md.\n');
  process.exit(0);
}
if (!nativeBlake3) {
  process.stderr.write('bench:verifier-cost: the BLAKE3 addon (@napi-rs/blake-hash) does not load on this platform; run `npm install` and try again on linux/macOS/windows x64 or arm64.\n');
  process.exit(2);
}
const stepsParsed = z.array(z.coerce.number().int().min(500).max(100_000).refine((n) => n % 500 === 0, 'must be a multiple of 500 (steps per epoch)')).min(1).safeParse(values.steps.split(','));
if (!stepsParsed.success) {
  process.stderr.write(`bench:verifier-cost: --steps: ${stepsParsed.error.issues[0]!.message}. Example: --steps 2000,10000\n`);
  process.exit(2);
}

const least = leastCpuMs;

interface Row {
  job: string; T: number; epochs: number; params: number; stepMs: number; solverMs: number; solverNativeMs: number; stepsOnlyMs: number;
  hashMs: number; hashNativeMs: number; treeMs: number; commitPct: number; commitNativePct: number;
  checked: number; heldOutExamples: number; answerMs: number; verifierSetupMs: number; verifierMs: number; verifierNativeMs: number; verifierNativeRuns: CpuRuns; verifierPct: number; verifierNativePct: number; verifierWithSetupPct: number;
  heldOutAccuracy: number; passed: boolean;
  refereeMs: number; refereeNativeMs: number; oneStepMs: number; refereeSteps: number; refereeNativeSteps: number; refereeJobPct: number; disputeRounds: number; disputeBytes: number;
  blake3: Blake3Cost;
  ownProcess: Record<StateHashAlgorithm, OwnProcessCost>;
}

interface Blake3Cost { solverMs: number; hashMs: number; treeMs: number; commitPct: number; verifierMs: number; verifierPct: number; passed: boolean }

/**
 * The same job with BLAKE3 state hashes, native as the agents run it: solver, commitment
 * overhead (against the same steps-only CPU) and verifier.
 */
function measureBlake3(optimizer: 'sgd' | 'adam', T: number, stepsOnlyMs: number): Blake3Cost {
  const job = costJob(optimizer, T, { stateHash: 'blake3' });
  const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
  const solver = createTrainer(job, dataset, { hashes: nativeHashes });
  process.stderr.write(`${optimizer} T=${T}: training with BLAKE3 state hashes…\n`);
  let run!: ReturnType<typeof train>;
  const solverMs = cpuMs(() => (run = train(solver, { checkpointEvery: 50 })));
  const hashMs = least(() => { for (let t = 0; t <= T; t++) solver.hash(run.finalState); }, 2);
  const leaves = run.stepHashes.map((h) => hexToBytes(h));
  const treeMs = least(() => buildMerkleTree(leaves, solver.digest), 3);
  const prepared = prepareAnswers(solver, run);
  const pub = honestPublication(solver, run);
  const verifier = createTrainer(job, dataset, { hashes: nativeHashes });
  let passed = false;
  const verifierMs = meanCpuMs(() => (passed = verifyAsAgent(verifier, pub, prepared).passed)).mean;
  return { solverMs, hashMs, treeMs, commitPct: (100 * (hashMs + treeMs)) / stepsOnlyMs, verifierMs, verifierPct: (100 * verifierMs) / solverMs, passed };
}

/** Solver and verifier of the job with each state hash, each in a child process of its own. */
function ownProcessCosts(optimizer: 'sgd' | 'adam', T: number, model: CostModel = 'mlp'): Record<StateHashAlgorithm, OwnProcessCost> {
  const cost = (stateHash: StateHashAlgorithm): OwnProcessCost => {
    process.stderr.write(`${model} ${optimizer} T=${T}: solver and verifier in a process of their own (${stateHash})…\n`);
    return measureInOwnProcess({ optimizer, T, stateHash, model });
  };
  return { sha256: cost('sha256'), blake3: cost('blake3') };
}

function measure(optimizer: 'sgd' | 'adam', T: number): Row {
  const job = costJob(optimizer, T);
  const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
  const solver = createTrainer(job, dataset);
  process.stderr.write(`${optimizer} T=${T}: training…\n`);
  let run!: ReturnType<typeof train>;
  const solverMs = cpuMs(() => (run = train(solver, { checkpointEvery: 50 })));
  process.stderr.write(`${optimizer} T=${T}: steps only…\n`);
  const stepsOnlyMs = cpuMs(() => {
    let s = solver.initialState();
    for (let t = 0; t < T; t++) s = solver.step(s);
  });
  const native = createTrainer(job, dataset, { hashes: nativeHashes });
  process.stderr.write(`${optimizer} T=${T}: training with node:crypto's SHA-256…\n`);
  const solverNativeMs = cpuMs(() => train(native, { checkpointEvery: 50 }));
  const final = run.finalState;
  const hashMs = least(() => { for (let t = 0; t <= T; t++) solver.hash(final); }, 2);
  const hashNativeMs = least(() => { for (let t = 0; t <= T; t++) native.hash(final); }, 2);
  const leaves = run.stepHashes.map((h) => hexToBytes(h));
  // Both trainers hash tree nodes with the same pure SHA-256 (treeDigest): one timing serves both columns.
  const treeMs = least(() => buildMerkleTree(leaves, solver.digest), 3);

  // The verifier: its own trainer and dataset (setup), then the check with prepared answers.
  let prepared!: ReturnType<typeof prepareAnswers>;
  const answerMs = cpuMs(() => (prepared = prepareAnswers(solver, run)));
  const { steps, answers } = prepared;
  let verifier!: Trainer;
  const verifierSetupMs = cpuMs(() => (verifier = createTrainer(job, generateDataset({ spec: job.spec.dataset, split: 'train' }))));
  let report!: ReturnType<typeof verifyCommitment>;
  const pub = honestPublication(solver, run);
  const verifierMs = meanCpuMs(() => (report = verifyAsAgent(verifier, pub, prepared))).mean;
  const verifierNative = createTrainer(job, dataset, { hashes: nativeHashes });
  const verifierNativeRuns = meanCpuMs(() => verifyAsAgent(verifierNative, pub, prepared));
  const verifierNativeMs = verifierNativeRuns.mean;

  // A dispute over a sampled transition (a challenger claiming an honest step is wrong).
  const t = steps[Math.floor(steps.length / 2)]!;
  const opening = answers.get(t)!;
  const refereeMs = least(() => refereeStep({ trainer: verifier, commitment: pub, t, opening }), 15);
  const refereeNativeMs = least(() => refereeStep({ trainer: verifierNative, commitment: pub, t, opening }), 15);
  const oneStepMs = least(() => verifierNative.step(opening.state), 15);
  const verdict = refereeStep({ trainer: verifier, commitment: { root: pub.root, leafCount: pub.leafCount }, t, opening });
  const stateBytes = (solver.model.paramCount * (1 + final.slots.length)) * 4;
  const stepMs = stepsOnlyMs / T;
  return {
    job: `MLP ${optimizer === 'sgd' ? 'SGD-momentum' : 'Adam'}`, T, epochs: job.spec.epochs, params: solver.model.paramCount, stepMs, solverMs, solverNativeMs, stepsOnlyMs,
    hashMs, hashNativeMs, treeMs, commitPct: (100 * (hashMs + treeMs)) / stepsOnlyMs, commitNativePct: (100 * (hashNativeMs + treeMs)) / stepsOnlyMs,
    checked: report.checkedSteps.length, heldOutExamples: report.heldOut?.examples ?? 0, answerMs, verifierSetupMs, verifierMs, verifierNativeMs, verifierNativeRuns, verifierPct: (100 * verifierMs) / solverMs, verifierNativePct: (100 * verifierNativeMs) / solverNativeMs, verifierWithSetupPct: (100 * (verifierMs + verifierSetupMs)) / solverMs,
    heldOutAccuracy: report.heldOut?.accuracy ?? Number.NaN, passed: report.passed && !verdict.nodeWrong, blake3: measureBlake3(optimizer, T, stepsOnlyMs),
    ownProcess: ownProcessCosts(optimizer, T),
    refereeMs, refereeNativeMs, oneStepMs, refereeSteps: refereeMs / oneStepMs, refereeNativeSteps: refereeNativeMs / oneStepMs, refereeJobPct: (100 * refereeMs) / solverMs, disputeRounds: verdict.rounds, disputeBytes: stateBytes + 2 * merkleDepth(T + 1) * 32,
  };
}

const EXAMPLES_DIR = new URL('../../../examples/jobs/', import.meta.url);

const rows: Row[] = [];
for (const T of stepsParsed.data) for (const opt of ['sgd', 'adam'] as const) rows.push(measure(opt, T));
const cnnRows = stepsParsed.data.map((T) => ({ job: 'CNN Adam', T, ownProcess: ownProcessCosts('adam', T, 'cnn') }));
const examples = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort().map((file) => measureExampleCommitCost(new URL(file, EXAMPLES_DIR)));
if (values.json) {
  process.stdout.write(`${JSON.stringify({ rows, cnn: cnnRows, examples }, null, 2)}\n`);
} else {
  const f = (x: number, d = 1): string => x.toFixed(d);
  const out = [
    '| job | T | E | params | ms/step | solver CPU s (noble / native) | commit % (noble / native) | checked | verifier CPU ms (noble / native; native min–max) | verifier / solver (noble / native) | + setup (noble) | solver answers ms | held-out acc on examples | referee ms (noble / native; one step) | referee / step (noble / native) | referee / job | rounds | dispute bytes |',
    '|---|---:|---:|---:|---:|---|---|---:|---|---|---:|---:|---:|---|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.job} | ${r.T} | ${r.epochs} | ${r.params} | ${f(r.stepMs, 3)} | ${f(r.solverMs / 1000, 2)} / ${f(r.solverNativeMs / 1000, 2)} | ${f(r.commitPct, 2)} % / ${f(r.commitNativePct, 2)} % | ${r.checked} | ${f(r.verifierMs)} / ${f(r.verifierNativeMs)}; ${f(r.verifierNativeRuns.min)}–${f(r.verifierNativeRuns.max)} | ${f(r.verifierPct, 2)} % / ${f(r.verifierNativePct, 2)} % | ${f(r.verifierWithSetupPct, 2)} % | ${f(r.answerMs)} | ${f(r.heldOutAccuracy, 3)} on ${r.heldOutExamples} | ${f(r.refereeMs, 2)} / ${f(r.refereeNativeMs, 2)}; ${f(r.oneStepMs, 2)} | ${f(r.refereeSteps, 2)} / ${f(r.refereeNativeSteps, 2)} | ${r.refereeJobPct.toExponential(2)} % | ${r.disputeRounds} | ${r.disputeBytes} |`),
    '',
    'commit %: (T+1 state hashes + Merkle tree) / CPU of the T steps alone. verifier / solver: verifyCommitment CPU as the agent runs it (the root of the published step hashes, then the sampled steps without proofs, W_0, held-out test), mean of 10 runs, over one train() run\'s CPU; "+ setup" adds the verifier drawing its own training set and compiling the model.',
    'referee / step: one refereeStep (proofs, hash of W_t, one canonical step, hash of W_{t+1}) over one step from the same state, both least of 15.',
    '',
    '| job, `stateHash: blake3` (native) | T | solver CPU s | state hashes ms | tree ms | commit % | verifier CPU ms | verifier / solver |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(({ job, T, blake3: b }) => `| ${job} | ${T} | ${f(b.solverMs / 1000, 2)} | ${f(b.hashMs)} | ${f(b.treeMs)} | ${f(b.commitPct, 2)} % | ${f(b.verifierMs)} | ${f(b.verifierPct, 2)} % |`),
    '',
    '| job, each in a process of its own (native) | T | state hash | solver CPU s (mean of 3; min–max) | verifier CPU ms (mean of 30; min–max) | verifier / solver (mean; least verifier) |',
    '|---|---:|---|---|---|---|',
    ...[...rows, ...cnnRows].flatMap(({ job, T, ownProcess }) =>
      STATE_HASH_ALGORITHMS.map((h) => {
        const { solverMs: s, verifierMs: v } = ownProcess[h];
        return `| ${job} | ${T} | ${h} | ${f(s.mean / 1000, 2)}; ${f(s.min / 1000, 2)}–${f(s.max / 1000, 2)} | ${f(v.mean)}; ${f(v.min)}–${f(v.max)} | ${f((100 * v.mean) / s.mean, 2)} %; ${f((100 * v.min) / s.mean, 2)} % |`;
      }),
    ),
    '',
    'each in a process of its own: a child process holding one job (as an agent does), not this one\'s other trainers and runs, trains it natively three times, each run followed by 10 native verifications; verifier / solver divides by the mean run.',
    '',
    '| example job | params | batch | optimizer | steps timed | ms/step | state hash µs (SHA-256 / BLAKE3, native) | commit % (SHA-256 / BLAKE3, native) |',
    '|---|---:|---:|---|---:|---:|---|---|',
    ...examples.map((e) => `| ${e.file} | ${e.params} | ${e.batch} | ${e.optimizer} | ${e.steps} | ${f(e.stepMs, 3)} | ${f(e.hashUs.sha256)} / ${f(e.hashUs.blake3)} | ${f(e.commitPct.sha256, 2)} % / ${f(e.commitPct.blake3, 2)} % |`),
    '',
    'example jobs: the specs in examples/jobs/ (a real file\'s rows replaced by seed-drawn ones of the same shape: the cost depends on the model and batch, not the values); commit % = one native state hash per step / the step.',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
if (rows.some((r) => !r.passed || !r.blake3.passed) || [...rows, ...cnnRows].some((r) => !r.ownProcess.sha256.passed || !r.ownProcess.blake3.passed)) {
  process.stderr.write('bench:verifier-cost: an honest job failed verification or its referee check; this is a bug.\n');
  process.exit(1);
}
