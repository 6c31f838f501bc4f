import type { Dataset } from '@tensorgrid/tensor';
import type { JobKernel } from '../core/job-kernel';

/** What the training thread is started with. */
export interface TrainThreadInput {
  /** The training job, unparsed (the thread parses and checks it). */
  job: unknown;
  /** The training split, already loaded and checked against its SHA-256. */
  dataset: Dataset;
  /** K: keep a full state every K steps. */
  checkpointEvery: number;
  /** Send progress every this many steps. */
  progressEvery: number;
  /** The node's training kernel. */
  kernel: JobKernel;
}

/** What the training thread sends back. */
export type TrainThreadMessage =
  | { kind: 'progress'; step: number; totalSteps: number; loss: number }
  | { kind: 'done'; root: string; stepHashes: string[]; checkpointEvery: number; checkpoints: { step: number; bytes: Uint8Array }[]; cpuMs: number }
  | { kind: 'failed'; message: string; code: string };
