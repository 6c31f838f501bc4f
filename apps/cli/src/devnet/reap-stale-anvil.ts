import { readFileSync } from 'node:fs';
import { isProcessAlive } from './devnet-info';

/**
 * Stops the chain a previous devnet left behind when that devnet was killed outright (its
 * coordinator and worker stop by themselves; anvil cannot know). Only a live process whose
 * command line is anvil's is stopped, so a recycled pid is never touched.
 * @param pid - the anvil pid the previous devnet recorded
 * @returns whether a process was stopped
 */
export async function reapStaleAnvil(pid: number): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  let commandLine: string;
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false; // no /proc (not Linux): leave it; a port clash will say so
  }
  if (!/anvil/.test(commandLine)) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return true;
}
