import type { ComputeChallengeSpec } from '@tensorgrid/domain';
import type { Hardware } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { RunCommand } from '../probe/core/run-command';
import type { ChallengeResponder } from './challenge-responder';
import { THIS_THREAD_KERNEL } from './compute-responder';
import { cpuChallengeResponders } from './cpu-challenge-responders';
import { detectGpuHelper, startGpuHelper, type GpuHelper, type GpuHelperSelftest } from './gpu-helper';
import { gpuChallengeResponders } from './gpu-challenge-responders';
import { shardGpuHelpers } from './sharded-gpu-helper';
import { startComputeThreadPool } from './threads/compute-thread-pool';

/** A worker's challenge responders and what to stop with it (the CUDA helper or the compute threads). */
export interface StartedResponders {
  responders: ChallengeResponder[];
  /** Which path answers: the CUDA helper (proof-of-work on the card or, if its kernel failed the selftest, the CPU), or the CPU with this many compute threads. */
  path: { kind: 'gpu'; pow: 'gpu' | 'cpu' } | { kind: 'cpu'; computeThreads: number };
  close(): Promise<void>;
}

/** What choosing the responders needs: the command runner, a logger, and how to start the helper (tests start it on the CPU). */
interface ResponderDeps {
  run: RunCommand;
  log: Pick<Logger, 'info' | 'warn'>;
  startHelper?: (python: string, card: number) => GpuHelper;
}

/**
 * Starts the CUDA helper when detection finds it, one per card the worker reports (each sees
 * only its card), and keeps them only if every one passes its selftest.
 * @param cards - the worker's GPUs
 * @param deps - as for {@link challengeRespondersFor}
 */
async function startCheckedGpuHelper(cards: number, deps: ResponderDeps): Promise<{ helper: GpuHelper; powFailure?: string } | { why: string }> {
  const found = await detectGpuHelper({ run: deps.run });
  if (found.kind === 'unavailable') return { why: found.why };
  const start = deps.startHelper ?? ((python, card) => startGpuHelper({ python, device: 'cuda', card }));
  const helpers = Array.from({ length: cards }, (_, card) => start(found.python, card));
  const helper = helpers.length === 1 ? helpers[0]! : shardGpuHelpers(helpers);
  deps.log.info({ cards }, 'checking the CUDA challenge helper against the reference on every card (its first start on a machine compiles its kernels: about 2 minutes)');
  const selftest = await helper.selftest().catch((err: unknown): GpuHelperSelftest => ({ ok: false, failures: [err instanceof Error ? err.message : String(err)], failedKinds: [] }));
  if (selftest.ignoredPowFailures) {
    deps.log.warn({ failures: selftest.ignoredPowFailures }, 'a card other than the first failed its proof-of-work vectors; only the first card answers proof-of-work, so this does not count');
  }
  if (selftest.products === 'tf32') {
    deps.log.warn('this torch has no bf16 matrix product with float32 output (torch.bmm out_dtype): compute challenges run on TF32 at about half the tensor rate they are sized to and will fail; install a torch that has it for /usr/bin/python3');
  }
  if (selftest.ok) return { helper };
  // Only the proof-of-work kernel wrong: memory and compute stay on the card, PoW moves to the CPU.
  if (selftest.failedKinds.length === 1 && selftest.failedKinds[0] === 'pow') return { helper, powFailure: selftest.failures.join('; ') };
  await helper.close();
  return { why: `the CUDA helper failed its selftest: ${selftest.failures.join('; ')}` };
}

/**
 * The responders a worker answers challenges with: a GPU worker uses the CUDA helper when
 * `nvidia-smi`, torch with CUDA and Triton are there and the helper passes its selftest (the
 * reference's known answers, computed on the card), one helper per card, sharing each challenge
 * between them; a CPU worker computes on one thread per core
 * it offers (`hardware.cpu.cores`, which its compute claim is sized to). A GPU worker
 * without the helper falls back to the CPU path and will fail its compute challenges, which
 * are sized to its cards: the log says so and what to install.
 * @param hardware - the worker's report
 * @param deps - the command runner, a logger, and how to start the helper
 */
export async function challengeRespondersFor(hardware: Hardware, deps: ResponderDeps): Promise<StartedResponders> {
  if (hardware.kind === 'gpu') {
    const started = await startCheckedGpuHelper(Math.max(1, hardware.gpus.length), deps);
    if ('helper' in started) {
      const { helper, powFailure } = started;
      if (powFailure === undefined) deps.log.info('hardware challenges run on the GPU through the CUDA helper');
      else deps.log.warn({ why: powFailure }, 'the CUDA helper failed its proof-of-work vectors: memory and compute challenges run on the GPU, proof-of-work on one CPU core');
      const pow = powFailure === undefined ? 'gpu' : 'cpu';
      return { responders: gpuChallengeResponders(hardware, helper, { pow }), path: { kind: 'gpu', pow }, close: () => helper.close() };
    }
    deps.log.warn({ why: started.why }, 'no working CUDA challenge helper: hardware challenges run on the CPU and this GPU will fail its compute challenges; install torch with CUDA (and Triton) for /usr/bin/python3');
    return { responders: cpuChallengeResponders(hardware), path: { kind: 'cpu', computeThreads: 1 }, close: async () => undefined };
  }
  const pool = startComputeThreadPool(hardware.cpu.cores);
  deps.log.info({ computeThreads: pool.threads }, 'compute challenges run on one thread per offered CPU core');
  // The few sampled loops an opening recomputes run on this thread: 32 loops of n = 128 take about 0.1 s.
  const compute = { leaves: (spec: ComputeChallengeSpec) => pool.leaves(spec), loopTiles: THIS_THREAD_KERNEL.loopTiles };
  return { responders: cpuChallengeResponders(hardware, { compute }), path: { kind: 'cpu', computeThreads: pool.threads }, close: () => pool.close() };
}
