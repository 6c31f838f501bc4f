/**
 * Runs in a worker thread: trains one job with the node's kernel (canonical unless configured otherwise) and sends back the commitment (root,
 * step hashes) and the checkpoints, encoded, with their buffers transferred. Progress goes
 * out every `progressEvery` steps. The main thread keeps its event loop (heartbeats, the
 * challenge exchange) while this runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createTrainer, encodeTrainingState, parseTrainingJob, train, type Dataset } from '@tensorgrid/tensor';
import { reductionOf } from '../core/job-kernel';
import { nativeHashes as hashes } from '@tensorgrid/tensor/native';
import type { TrainThreadInput, TrainThreadMessage } from './train-thread-messages';

const input = (workerData as { input: TrainThreadInput }).input;
const post = (message: TrainThreadMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);

try {
  const job = parseTrainingJob(input.job);
  const dataset: Dataset = input.dataset;
  const reduction = reductionOf(input.kernel);
  const trainer = createTrainer(job, dataset, { hashes, ...(reduction ? { reduction } : {}) });
  const started = process.cpuUsage();
  const run = train(trainer, {
    checkpointEvery: input.checkpointEvery,
    onStep: ({ step, loss }) => {
      if (step % input.progressEvery === 0 || step === trainer.totalSteps) post({ kind: 'progress', step, totalSteps: trainer.totalSteps, loss });
    },
  });
  const cpu = process.cpuUsage(started);
  const checkpoints = [...run.checkpoints].map(([step, state]) => ({ step, bytes: encodeTrainingState(state) }));
  post(
    { kind: 'done', root: run.root, stepHashes: run.stepHashes, checkpointEvery: run.checkpointEvery, checkpoints, cpuMs: (cpu.user + cpu.system) / 1_000 },
    checkpoints.map((c) => c.bytes.buffer as ArrayBuffer),
  );
} catch (err) {
  post({ kind: 'failed', message: err instanceof Error ? err.message : String(err), code: typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'INTERNAL' });
}
