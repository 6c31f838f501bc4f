import { Worker } from 'node:worker_threads';
import type { ChallengeVerdict } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import type { ChallengeChecks } from './challenge-checks';
import type { CheckCall, CheckReply, CheckRequest } from './check-thread-messages';

const SHIM = new URL('./thread-shim.mjs', import.meta.url);
const ENTRY = new URL('./check-thread-entry.ts', import.meta.url).href;

/** Challenge checks on worker threads; see {@link createThreadedChallengeChecks}. */
export interface ThreadedChallengeChecks extends ChallengeChecks {
  /** Checks queued or running. */
  pending(): number;
  /** Stops the threads; checks queued or running reject with UNAVAILABLE. */
  close(): Promise<void>;
}

interface Job {
  request: CheckRequest;
  resolve: (verdict: ChallengeVerdict) => void;
  reject: (err: BaseError) => void;
}

/**
 * Runs challenge checks on a small pool of worker threads, so a production check (seconds of
 * CPU) never stalls the coordinator's heartbeats, sessions and HTTP routes. Threads start on
 * first use; checks beyond the pool wait in order. A check that throws rejects with INTERNAL;
 * a thread that dies rejects its check with INTERNAL and is replaced on the next check. The
 * verdicts are those of the same checks run in process (tested).
 * @param options - threads in the pool (default 1: on the 2-core reference machine one core
 *   stays for the event loop)
 */
export function createThreadedChallengeChecks(options: { threads?: number } = {}): ThreadedChallengeChecks {
  const size = options.threads ?? 1;
  if (!Number.isInteger(size) || size < 1) throw new BaseError('VALIDATION_FAILED', `Challenge check threads must be a whole number ≥ 1, got ${size}`);
  const threads = new Set<Worker>();
  const idle: Worker[] = [];
  const running = new Map<Worker, Job>();
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  function spawn(): Worker {
    const worker = new Worker(SHIM, { workerData: { entry: ENTRY } });
    // Never keeps the process alive by itself: the coordinator's server does while it runs.
    worker.unref();
    threads.add(worker);
    worker.on('message', (reply: CheckReply) => {
      const job = running.get(worker);
      if (!job || job.request.id !== reply.id) return;
      running.delete(worker);
      if ('error' in reply) job.reject(new BaseError('INTERNAL', `A challenge check threw: ${reply.error}`));
      else job.resolve(reply.verdict);
      idle.push(worker);
      dispatch();
    });
    const died = (why: string) => {
      if (!threads.delete(worker)) return;
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      const job = running.get(worker);
      running.delete(worker);
      job?.reject(new BaseError('INTERNAL', `The challenge check thread ${why}`));
      dispatch();
    };
    worker.on('error', (err) => died(`crashed: ${err.message}`));
    worker.on('exit', (code) => died(`exited (${code})`));
    return worker;
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const worker = idle.pop() ?? (threads.size < size ? spawn() : undefined);
      if (!worker) return;
      const job = queue.shift()!;
      running.set(worker, job);
      worker.postMessage(job.request);
    }
  }

  function run(call: CheckCall): Promise<ChallengeVerdict> {
    if (closed) return Promise.reject(new BaseError('UNAVAILABLE', 'The challenge check threads were closed'));
    return new Promise((resolve, reject) => {
      queue.push({ request: { ...call, id: nextId++ }, resolve, reject });
      dispatch();
    });
  }

  return {
    compute: (input) => run({ kind: 'compute', input }),
    memory: (input) => run({ kind: 'memory', input }),
    pending: () => queue.length + running.size,
    async close() {
      closed = true;
      const stopped = new BaseError('UNAVAILABLE', 'The challenge check threads were closed');
      for (const job of [...queue.splice(0), ...running.values()]) job.reject(stopped);
      running.clear();
      const all = [...threads];
      threads.clear();
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
