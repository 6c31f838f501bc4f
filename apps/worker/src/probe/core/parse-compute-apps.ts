/** A GPU compute process as nvidia-smi lists it. */
export interface GpuProcess {
  pid: number;
  name: string;
}

/**
 * Parses `nvidia-smi --query-compute-apps=pid,process_name --format=csv` (with or without
 * its header line). Lines that are not `<pid>, <name>` are skipped.
 * @param csv - what nvidia-smi printed
 */
export function parseComputeApps(csv: string): GpuProcess[] {
  const processes: GpuProcess[] = [];
  for (const line of csv.split(/\r?\n/)) {
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    const pid = line.slice(0, comma).trim();
    const name = line.slice(comma + 1).trim();
    if (/^\d+$/.test(pid) && name) processes.push({ pid: Number(pid), name });
  }
  return processes;
}

/**
 * The processes the agent did not start.
 * @param processes - every GPU compute process
 * @param ownPids - pids of processes the agent started (its jobs)
 */
export function foreignProcesses(processes: readonly GpuProcess[], ownPids: ReadonlySet<number>): GpuProcess[] {
  return processes.filter((p) => !ownPids.has(p.pid));
}
