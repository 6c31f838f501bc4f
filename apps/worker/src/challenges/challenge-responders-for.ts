import type { Hardware } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { RunCommand } from '../probe/core/run-command';
import type { ChallengeResponder } from './challenge-responder';
import { cpuChallengeResponders } from './cpu-challenge-responders';
import { detectGpuHelper, startGpuHelper, type GpuHelper } from './gpu-helper';
import { gpuChallengeResponders } from './gpu-challenge-responders';

/**
 * The responders a worker answers challenges with: a GPU worker uses the CUDA helper when
 * `nvidia-smi` and torch with CUDA are there; otherwise (and for CPU workers) the CPU path.
 * A GPU worker on the CPU path will fail its compute challenges, which are sized to its
 * cards: the log says so and what to install.
 * @param hardware - the worker's report
 * @param deps - the command runner and a logger
 * @returns the responders, and the helper to close at shutdown (if one was started)
 */
export async function challengeRespondersFor(hardware: Hardware, deps: { run: RunCommand; log: Pick<Logger, 'info' | 'warn'> }): Promise<{ responders: ChallengeResponder[]; helper: GpuHelper | undefined }> {
  if (hardware.kind !== 'gpu') return { responders: cpuChallengeResponders(hardware), helper: undefined };
  const found = await detectGpuHelper({ run: deps.run });
  if (found.kind === 'unavailable') {
    deps.log.warn({ why: found.why }, 'no CUDA challenge helper: hardware challenges run on the CPU and this GPU will fail its compute challenges; install torch with CUDA for /usr/bin/python3');
    return { responders: cpuChallengeResponders(hardware), helper: undefined };
  }
  const helper = startGpuHelper({ python: found.python, device: 'cuda' });
  deps.log.info('hardware challenges run on the GPU through the CUDA helper');
  return { responders: gpuChallengeResponders(hardware, helper), helper };
}
