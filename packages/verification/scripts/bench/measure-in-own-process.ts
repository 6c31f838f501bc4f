import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CpuRuns } from './cpu-time';

/** What own-process-cost.ts prints: the native solver's CPU ms and the native verifier's over its runs. */
export interface OwnProcessCost {
  solverMs: number;
  verifierMs: CpuRuns;
  passed: boolean;
}

const SCRIPT = fileURLToPath(new URL('./own-process-cost.ts', import.meta.url));

/**
 * Solver and verifier CPU of one job, each as its agent runs it: in a child process of their
 * own (own-process-cost.ts), 30 verifications.
 * @param optimizer - the job's optimizer
 * @param T - its steps
 */
export function measureInOwnProcess(optimizer: 'sgd' | 'adam', T: number): OwnProcessCost {
  const child = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, optimizer, String(T)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`own-process-cost.ts ${optimizer} ${T} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as OwnProcessCost;
}
