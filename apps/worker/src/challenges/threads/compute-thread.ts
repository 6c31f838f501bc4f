import { parentPort } from 'node:worker_threads';
import { referenceLoopLeaf } from '@tensorgrid/domain';
import { DIGEST_BYTES, type ComputeThreadMessage, type ComputeThreadTask } from './compute-thread-messages';

/** A compute thread (see `startComputeThreadPool`): computes the leaves of the loops it is given, one task at a time. */
const port = parentPort;
if (!port) throw new Error('compute-thread.ts runs as a worker thread only');

const post = (message: ComputeThreadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (task: ComputeThreadTask) => {
  try {
    const leaves: Uint8Array[] = [];
    for (let loop = task.from; loop < task.to; loop++) leaves.push(referenceLoopLeaf(task.spec, loop));
    const digests = new Uint8Array(leaves.length * DIGEST_BYTES);
    leaves.forEach((leaf, i) => digests.set(leaf, i * DIGEST_BYTES));
    post({ kind: 'digests', digests }, [digests.buffer]);
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
post({ kind: 'ready' });
