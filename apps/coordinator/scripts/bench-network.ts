/**
 * `npm run bench:network [-- --workers N --rounds R --json]`: how fast the coordinator's
 * network measurement can measure a link, on loopback. Starts the coordinator app in this
 * process (SQLite in a temp dir, tiers at scale 1, scheduled measurements off) and N real
 * worker agents as child processes (`apps/worker/src/main.ts`, each with its own key), then
 * measures every device R times, one device at a time and then all together. Prints the
 * measured download and upload speeds, the tier they reach at scale 1, and the
 * coordinator's CPU time per MB moved (this process's CPU: the coordinator is the only thing
 * running in it). On loopback the link is not the limit: what is measured is the
 * measurement's own ceiling (coordinator and agent CPU), which must exceed the top tier
 * (1600/1200 MB/s) for tiers to be reachable at all.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connectivityTier } from '@tensorgrid/domain';
import { startTestCoordinator } from '@tensorgrid/test-utils';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const workersN = Number(args.workers);
const rounds = Number(args.rounds);
const say = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

/** Child processes, killed if the benchmark dies. */
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Sample {
  device: string;
  downMBps: number;
  upMBps: number;
  tier: string;
}

function startWorker(url: string, dataDir: string): Promise<{ child: ChildProcess; deviceId: string }> {
  const child = fork(join(here, '../../worker/src/main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TG_COORDINATOR_URL: url, TG_WORKER_DATA_DIR: dataDir, TG_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type?: string; workers?: { deviceId: string }[] }) => m.type === 'ready' && resolve({ child, deviceId: m.workers![0]!.deviceId }));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tg-bench-net-'));
  const hour = 3_600_000;
  const coord = await startTestCoordinator('sqlite', { networkScale: 1, probeFirstDelayMs: hour, probeIntervalMs: hour, pingIntervalMs: hour });
  const probe = coord.app.networkProbe!;
  say(`bench:network: ${workersN} worker agent(s), ${rounds} round(s), ${cpus().length} cores; coordinator at ${coord.url}`);
  const workers = await Promise.all(Array.from({ length: workersN }, (_, i) => startWorker(coord.url, join(dir, `worker-${i}`))));

  const measure = async (deviceId: string): Promise<Sample> => {
    for (let i = 0; i < 500; i++) {
      const measured = await probe.measure(deviceId);
      if (measured) return { device: deviceId, ...measured, tier: String(connectivityTier(measured)) };
      // No session yet: the agent opens it right after registering.
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`device ${deviceId} never had a session`);
  };
  // Warm-up (JIT, first sessions), not reported.
  await Promise.all(workers.map((w) => measure(w.deviceId)));

  const phase = async (name: string, run: () => Promise<Sample[]>) => {
    const movedBefore = probe.stats().bytesMoved;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const samples = await run();
    const wallS = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const result = summarize(name, samples, { wallS, userS: cpu.user / 1e6, systemS: cpu.system / 1e6, bytesMoved: probe.stats().bytesMoved - movedBefore });
    say(`${name.padEnd(12)} down ${result.downMBps.median.toFixed(0).padStart(5)} MB/s (min ${result.downMBps.min.toFixed(0)}, max ${result.downMBps.max.toFixed(0)}), up ${result.upMBps.median.toFixed(0).padStart(5)} MB/s (min ${result.upMBps.min.toFixed(0)}, max ${result.upMBps.max.toFixed(0)}); tiers at scale 1: ${JSON.stringify(result.tiers)}; coordinator CPU ${result.coordinatorCpuS.toFixed(2)} s (system ${result.coordinatorSystemS.toFixed(2)} s) over ${result.wallS.toFixed(1)} s${result.cpuMsPerMB === null ? '' : `, ${result.cpuMsPerMB.toFixed(2)} ms per MB moved (${result.movedMB.toFixed(0)} MB)`}`);
    return result;
  };
  const sequential = await phase('one at a time', async () => {
    const out: Sample[] = [];
    for (let r = 0; r < rounds; r++) for (const w of workers) out.push(await measure(w.deviceId));
    return out;
  });
  const together = workersN > 1
    ? await phase('all at once', async () => {
        const out: Sample[] = [];
        for (let r = 0; r < rounds; r++) out.push(...(await Promise.all(workers.map((w) => measure(w.deviceId)))));
        return out;
      })
    : undefined;

  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => (w.child.exitCode === null ? w.child.once('exit', r) : r(undefined)))));
  await coord.close();
  rmSync(dir, { recursive: true, force: true });
  const result = { command: `npm run bench:network -- ${process.argv.slice(2).join(' ')}`.trim(), workers: workersN, rounds, cores: cpus().length, sequential, together };
  if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function summarize(name: string, samples: Sample[], run: { wallS: number; userS: number; systemS: number; bytesMoved: number }) {
  const spread = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
  };
  const tiers: Record<string, number> = {};
  for (const s of samples) tiers[s.tier] = (tiers[s.tier] ?? 0) + 1;
  const movedMB = run.bytesMoved / 1e6;
  return {
    phase: name,
    measurements: samples.length,
    downMBps: spread(samples.map((s) => s.downMBps)),
    upMBps: spread(samples.map((s) => s.upMBps)),
    tiers,
    wallS: run.wallS,
    coordinatorCpuS: run.userS + run.systemS,
    /** Of which in the kernel (socket copies on loopback). */
    coordinatorSystemS: run.systemS,
    movedMB,
    cpuMsPerMB: movedMB > 0 ? ((run.userS + run.systemS) * 1000) / movedMB : null,
  };
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:network failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
