import { freemem } from 'node:os';
import path from 'node:path';
import { createChainClients } from '@tensorgrid/chain';
import { isBaseError } from '@tensorgrid/protocol';
import { assertConformance } from '@tensorgrid/tensor';
import type { CoordinatorClient } from '@tensorgrid/sdk';
import type { Logger } from 'pino';
import type { Address, PrivateKeyAccount } from 'viem';
import type { WorkerOptions } from '../config';
import { createChallengeAdapter } from './challenge-adapter';
import { createJobMarketAdapter } from './job-market-adapter';
import { createJobRunner } from './job-runner';
import { createJobSpecAdapter } from './job-spec-adapter';
import { measureTrainingSpeed } from './measure-training-speed';
import { nativeHashes } from '@tensorgrid/tensor/native';
import { createRunStore, sweepRunStore } from './run-store';
import { trainInThread } from './train-in-thread';

/** A job runner running on a timer. */
export interface StartedJobRunner {
  flopsPerSecond: number;
  memoryBytes: number;
  /** Stops the timer, waits for a pass in flight and stops running trainings (their jobs are kept). */
  stop(): Promise<void>;
}

/** What {@link startJobRunner} needs besides the options. */
export interface StartJobRunnerDeps {
  /** The worker's account: its device id, and the signer of its chain transactions and requests. */
  account: PrivateKeyAccount;
  /** A coordinator client signing with that account. */
  client: CoordinatorClient;
  /** Where this worker keeps its data; runs go to `<dataDir>/runs`. */
  dataDir: string;
  log: Logger;
  /** Checks this machine reproduces the conformance vectors (returns how many); `assertConformance` with the native state hashes training uses by default. */
  checkKernels?: () => number;
}

/**
 * Starts the worker's side of the job market (issue #5 part 4) when the options name a chain
 * RPC and a JobMarket: checks the conformance vectors (on a failure it logs which and stays
 * off: every exact-mode job would fail verification and cost its deposit), measures the
 * training speed once, then every `jobIntervalMs` answers challenges and takes jobs by the
 * configured priority. Returns undefined when jobs are off.
 * @param options - the worker options
 * @param deps - account, coordinator client, data folder, logger
 */
export async function startJobRunner(options: WorkerOptions, deps: StartJobRunnerDeps): Promise<StartedJobRunner | undefined> {
  if (!options.rpcUrl || !options.jobMarketAddress) return undefined;
  try {
    const vectors = (deps.checkKernels ?? (() => assertConformance({ hashes: nativeHashes })))();
    deps.log.info({ vectors }, 'job runner: this machine reproduces the conformance vectors');
  } catch (err) {
    if (!isBaseError(err) || err.code !== 'KERNEL_NONCONFORMANT') throw err;
    deps.log.error(err.data, `job runner off: ${err.message}`);
    return undefined;
  }
  const { publicClient, walletClient } = createChainClients({ rpcUrl: options.rpcUrl, chainId: options.chainId, account: deps.account });
  const speed = measureTrainingSpeed();
  const memoryBytes = options.jobMemoryBytes ?? Math.floor(freemem() / 2);
  deps.log.info({ flopsPerSecond: Math.round(speed.flopsPerSecond), steps: speed.steps, cpuMs: Math.round(speed.cpuMs), memoryBytes, priority: options.jobPriority, kernel: options.jobKernel }, 'job runner: measured training speed');

  const runsDir = path.join(deps.dataDir, 'runs');
  await sweepRunStore(runsDir);
  const runner = createJobRunner(
    {
      market: createJobMarketAdapter({ client: deps.client, chain: { publicClient, walletClient, account: deps.account }, market: options.jobMarketAddress as Address }),
      specs: createJobSpecAdapter(deps.client),
      challenges: createChallengeAdapter(deps.client),
      runs: createRunStore(runsDir),
      train: trainInThread,
      now: Date.now,
      log: deps.log,
    },
    { priority: options.jobPriority, flopsPerSecond: speed.flopsPerSecond, memoryBytes, kernel: options.jobKernel },
  );

  let running: Promise<void> | undefined;
  const pass = async () => {
    const done = await runner.tick();
    if (done.accepted.length > 0 || done.answered.length > 0) {
      deps.log.info({ accepted: done.accepted.map(String), answered: done.answered.map((a) => ({ jobId: a.jobId.toString(), steps: a.steps })) }, 'job runner pass');
    }
  };
  const tick = () => (running ??= pass().catch((err: unknown) => deps.log.warn({ err }, 'job runner pass failed; retrying next interval')).finally(() => (running = undefined)));
  const timer = setInterval(() => void tick(), options.jobIntervalMs);
  timer.unref();
  void tick();
  return {
    flopsPerSecond: speed.flopsPerSecond,
    memoryBytes,
    async stop() {
      clearInterval(timer);
      runner.stop();
      await running;
    },
  };
}
