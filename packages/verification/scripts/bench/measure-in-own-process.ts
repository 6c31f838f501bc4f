import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StateHashAlgorithm } from '@tensorgrid/tensor';
import { OWN_PROCESS_ROUNDS, type CostModel } from './cost-job';
import type { CpuRuns } from './cpu-time';

/** What own-process-cost.ts prints: the native solver's CPU ms over its runs and the native verifier's over its. */
export interface OwnProcessCost {
  solverMs: CpuRuns;
  verifierMs: CpuRuns;
  passed: boolean;
}

const SCRIPT = fileURLToPath(new URL('./own-process-cost.ts', import.meta.url));

/**
 * Solver and verifier CPU of one job, each as its agent runs it: in a child process of their
 * own (own-process-cost.ts): three training runs, each followed by 10 verifications.
 * @param job - the job's optimizer, steps, state hash and model (default the MLP)
 */
export function measureInOwnProcess(job: { optimizer: 'sgd' | 'adam'; T: number; stateHash: StateHashAlgorithm; model?: CostModel }): OwnProcessCost {
  const args = [job.optimizer, String(job.T), job.stateHash, String(OWN_PROCESS_ROUNDS), job.model ?? 'mlp'];
  const child = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`own-process-cost.ts ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as OwnProcessCost;
}
