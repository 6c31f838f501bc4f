import { foreignProcesses, parseComputeApps, type GpuProcess } from './core/parse-compute-apps';
import type { RunCommand } from './core/run-command';
import { createExecFileRunner } from './exec-file-runner';

/**
 * Lists GPU compute processes the agent did not start. Without nvidia-smi (a CPU or Apple
 * machine) nothing is reported.
 * @param ownPids - pids the agent started
 * @param run - runs nvidia-smi (tests pass a fake)
 */
export async function listForeignGpuProcesses(ownPids: ReadonlySet<number> = new Set(), run: RunCommand = createExecFileRunner({ timeoutMs: 10_000 })): Promise<GpuProcess[]> {
  const result = await run('nvidia-smi', ['--query-compute-apps=pid,process_name', '--format=csv']);
  return 'missing' in result ? [] : foreignProcesses(parseComputeApps(result.stdout), ownPids);
}
