import { Worker } from 'node:worker_threads';
import type { ComputeChallengeSpec } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import { DIGEST_BYTES, type ComputeThreadMessage, type ComputeThreadTask } from './compute-thread-messages';

const BOOT = new URL('./compute-thread-boot.mjs', import.meta.url);

/** Compute threads kept warm, so that a challenge's clock never pays for their start. */
export interface ComputeThreadPool {
  readonly threads: number;
  /** Resolves once every thread has loaded its modules; rejects if one failed to start. */
  readonly ready: Promise<void>;
  /** Every loop's leaf in loop order, the loops split over the threads. */
  leaves(spec: ComputeChallengeSpec): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

/**
 * Splits loops [0, loops) into at most `parts` contiguous ranges whose sizes differ by at
 * most one (empty ranges are left out).
 * @param loops - how many loops
 * @param parts - how many threads
 */
export function splitLoops(loops: number, parts: number): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  let from = 0;
  for (let i = 0; i < parts; i++) {
    const to = from + Math.floor(loops / parts) + (i < loops % parts ? 1 : 0);
    if (to > from) ranges.push({ from, to });
    from = to;
  }
  return ranges;
}

/** One thread: answers one task at a time, in order. */
function startThread() {
  const worker = new Worker(BOOT);
  worker.unref();
  const waiting: Array<{ resolve: (m: ComputeThreadMessage) => void; reject: (e: unknown) => void }> = [];
  let gone: unknown;
  const failAll = (err: unknown) => {
    gone ??= err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  worker.on('message', (message: ComputeThreadMessage) => waiting.shift()?.resolve(message));
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new BaseError('UNAVAILABLE', `a compute thread exited (code ${code}); restart the worker`)));
  const next = () => new Promise<ComputeThreadMessage>((resolve, reject) => (gone === undefined ? waiting.push({ resolve, reject }) : reject(gone)));
  const ready = next().then((m) => {
    if (m.kind !== 'ready') throw new BaseError('INTERNAL', 'a compute thread did not start');
  });
  return {
    ready,
    async run(task: ComputeThreadTask): Promise<Uint8Array> {
      const reply = next();
      worker.postMessage(task);
      const message = await reply;
      if (message.kind === 'digests') return message.digests;
      throw new BaseError('INTERNAL', `a compute thread failed: ${message.kind === 'error' ? message.message : 'unexpected message'}`);
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * Starts `threads` compute threads running the reference TypeScript kernel. A CPU device's
 * compute claim is per core, so the worker answers with one thread per core it offers.
 * Calls to `leaves` run one after another; the threads are unref'd (they never keep the
 * process alive) and `close` ends them.
 * @param threads - how many (≥ 1)
 */
export function startComputeThreadPool(threads: number): ComputeThreadPool {
  if (!Number.isSafeInteger(threads) || threads < 1) throw new BaseError('VALIDATION_FAILED', `A compute thread pool needs at least one thread, not ${threads}`);
  const pool = Array.from({ length: threads }, startThread);
  const ready = Promise.all(pool.map((t) => t.ready)).then(() => undefined);
  ready.catch(() => undefined); // a failed start surfaces at the first call
  let queue: Promise<unknown> = Promise.resolve();
  const leavesNow = async (spec: ComputeChallengeSpec): Promise<Uint8Array[]> => {
    await ready;
    const parts = await Promise.all(splitLoops(spec.loops, threads).map((range, i) => pool[i]!.run({ spec, ...range })));
    return parts.flatMap((bytes) => Array.from({ length: bytes.length / DIGEST_BYTES }, (_, j) => bytes.subarray(j * DIGEST_BYTES, (j + 1) * DIGEST_BYTES)));
  };
  return {
    threads,
    ready,
    leaves(spec) {
      const result = queue.then(() => leavesNow(spec));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await Promise.all(pool.map((t) => t.terminate()));
    },
  };
}
