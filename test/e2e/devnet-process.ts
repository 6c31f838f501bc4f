import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const TGRID = fileURLToPath(new URL('../../apps/cli/bin/tgrid.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The JSON summary `tgrid devnet --json` prints when ready. */
export interface DevnetSummary {
  pid: number;
  coordinatorUrl: string;
  rpcUrl: string;
  chainId: number;
  contracts: Record<string, `0x${string}`>;
  workers: { id: string; kind: string; gpuModel: string | null }[];
  readyMs: number;
}

/** A devnet run as a child process, as a user runs it. */
export interface DevnetProcess {
  child: ChildProcess;
  summary: DevnetSummary;
  stderr: () => string;
  /** Sends a signal and waits for exit; returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `tgrid devnet --json` on free ports in `dataDir` and waits for its summary.
 * @param dataDir - the devnet's data directory
 * @param extraArgs - more flags
 */
export async function startDevnet(dataDir: string, extraArgs: string[] = []): Promise<DevnetProcess> {
  const child = spawn(process.execPath, [TGRID, 'devnet', '--json', '--port', '0', '--rpc-port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const summary = await new Promise<DevnetSummary>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`devnet not ready in 60 s:\n${stderr}`));
    }, 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      const printed = JSON.parse(line) as Partial<DevnetSummary>;
      // `--json` prints the summary when ready, or the error when the start failed: say which, with the devnet's own account.
      if (typeof printed.coordinatorUrl === 'string' && Array.isArray(printed.workers)) resolve(printed as DevnetSummary);
      else reject(new Error(`devnet printed no summary but ${line}\n${stderr.slice(-4000)}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`devnet exited (code ${code}) before it was ready:\n${stderr}`));
    });
  });
  return {
    child,
    summary,
    stderr: () => stderr,
    async stop(signal = 'SIGINT') {
      child.kill(signal);
      return exited;
    },
  };
}

/**
 * Runs `tgrid <args>` to completion.
 * @param args - the command line
 */
export function runTgrid(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TGRID, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
