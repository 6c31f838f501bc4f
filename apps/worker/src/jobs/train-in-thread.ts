import { Worker } from 'node:worker_threads';
import { BaseError } from '@tensorgrid/protocol';
import { decodeTrainingState, DEFAULT_CHECKPOINT_EVERY, type Dataset, type TrainingState } from '@tensorgrid/tensor';
import type { JobKernel } from './core/job-kernel';
import type { TrainThreadInput, TrainThreadMessage } from './thread/train-thread-messages';

const SHIM = new URL('./thread/thread-shim.mjs', import.meta.url);
const ENTRY = new URL('./thread/train-thread-entry.ts', import.meta.url).href;

/** A finished run: the commitment and what the node keeps to answer challenges. */
export interface ThreadRun {
  /** Merkle root R over h_0 … h_T (hex, no 0x). */
  root: string;
  stepHashes: string[];
  checkpointEvery: number;
  /** Full states at steps 0, K, 2K, … and T. */
  checkpoints: Map<number, TrainingState>;
  /** CPU the training thread used, ms. */
  cpuMs: number;
  /** The kernel it was trained with (its states are recomputed with the same one); absent: canonical. */
  kernel?: JobKernel;
}

/** Options of {@link trainInThread}. */
export interface TrainInThreadOptions {
  /** The training job (jobId, jobSeed, spec), unparsed: the thread checks it. */
  job: unknown;
  dataset: Dataset;
  /** K. @default 50 */
  checkpointEvery?: number;
  /** Called every `progressEvery` steps and at the end. */
  onProgress?: (p: { step: number; totalSteps: number; loss: number }) => void;
  /** @default 50 */
  progressEvery?: number;
  /** Aborting stops the thread and rejects with TIMEOUT. */
  signal?: AbortSignal;
  /** The node's training kernel. @default 'canonical' */
  kernel?: JobKernel;
}

/**
 * Trains a job in a worker thread, so the agent keeps heartbeating and answering while it
 * runs. The thread uses the same kernels as an in-process trainer (canonical, as any
 * verifier, unless `kernel` says otherwise): the root does not depend on the thread (tested
 * against an in-process run).
 * @param options - the job, its training split, checkpoint interval, progress and abort
 * @throws BaseError VALIDATION_FAILED (a bad job), TIMEOUT (aborted), INTERNAL (the thread died)
 */
export function trainInThread(options: TrainInThreadOptions): Promise<ThreadRun> {
  const input: TrainThreadInput = {
    job: options.job,
    dataset: options.dataset,
    checkpointEvery: options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    progressEvery: options.progressEvery ?? 50,
    kernel: options.kernel ?? 'canonical',
  };
  return new Promise<ThreadRun>((resolve, reject) => {
    const worker = new Worker(SHIM, { workerData: { entry: ENTRY, input } });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new BaseError('TIMEOUT', 'Training was stopped', { retryable: false })));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: TrainThreadMessage) => {
      if (message.kind === 'progress') return options.onProgress?.(message);
      if (message.kind === 'failed') {
        const code = message.code === 'VALIDATION_FAILED' ? 'VALIDATION_FAILED' : 'INTERNAL';
        return finish(() => reject(new BaseError(code, `Training failed: ${message.message}`, { retryable: false })));
      }
      const checkpoints = new Map(message.checkpoints.map((c) => [c.step, decodeTrainingState(c.bytes)] as const));
      finish(() => resolve({ root: message.root, stepHashes: message.stepHashes, checkpointEvery: message.checkpointEvery, checkpoints, cpuMs: message.cpuMs, kernel: input.kernel }));
    });
    worker.on('error', (err) => finish(() => reject(new BaseError('INTERNAL', `The training thread crashed: ${err.message}`, { cause: err }))));
    worker.on('exit', (code) => finish(() => reject(new BaseError('INTERNAL', `The training thread exited (${code}) before finishing`))));
  });
}
