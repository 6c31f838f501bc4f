/**
 * `npm run bench:heartbeats [-- --devices N --seconds S --rates r1,r2 --gens G --profile --json]`:
 * sustained heartbeat ingestion of one coordinator process over authenticated WebSocket
 * sessions. Starts the real coordinator (child process, SQLite in a temp dir, devices seeded
 * straight into the store), has load-generator child processes sign one hello per device and
 * open one session each (before the clock starts), then drives heartbeats at each target rate
 * and flat out (each session sends its next heartbeat as soon as the last is acked), for S
 * seconds each. Reports acked heartbeats/s, ack latency, the coordinator's CPU and RSS, the
 * load generators' and the rest of the machine's CPU, and checks afterwards that every acked
 * heartbeat is in the store. With --profile the coordinator runs under --cpu-prof and the
 * report says where its time went during the flat-out phase.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase } from '@tensorgrid/db';
import type { AttackOutcome, AttackReport, FromLoad, PhaseReport, ToLoad } from './bench/bench-protocol';
import { machineCpu, procUsage, type ProcUsage } from './bench/proc-usage';
import { summarizeCpuProfile, type ProfileSummary } from './bench/summarize-cpu-profile';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '10' },
    rates: { type: 'string', default: '5000,10000,20000' },
    gens: { type: 'string', default: '2' },
    'batch-ms': { type: 'string', default: '5' },
    profile: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const devicesN = Number(args.devices);
const seconds = Number(args.seconds);
const rates = args.rates.split(',').filter(Boolean).map(Number);
const gensN = Math.min(Number(args.gens), devicesN);
const CHAIN_ID = 31337;
const say = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

interface Phase {
  phase: string;
  targetPerS: number | null;
  sent: number;
  acked: number;
  ackedPerS: number;
  refused: Record<string, number>;
  skipped: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  coordinatorCpuPct: number;
  /** Coordinator CPU per acked heartbeat, µs: what one core's capacity follows from. */
  coordinatorUsPerHeartbeat: number;
  coordinatorRssMiB: number;
  loadCpuPct: number;
  otherCpuPct: number;
  window: { fromUs: number; toUs: number };
}

function waitFor<T extends FromLoad['type']>(child: ChildProcess, type: T): Promise<Extract<FromLoad, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromLoad) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      resolve(m as Extract<FromLoad, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`load generator exited (${code}) while waiting for ${type}`)));
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const usage = (pids: number[]): ProcUsage => pids.map(procUsage).reduce((a, b) => ({ cpuS: a.cpuS + b.cpuS, rssMiB: a.rssMiB + b.rssMiB }), { cpuS: 0, rssMiB: 0 });
/** Child processes, killed if the benchmark dies. */
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tg-bench-hb-'));
  const networkId = `0x${randomBytes(32).toString('hex')}`;
  const seed = randomBytes(8).toString('hex');

  // 1. Keys and signed hellos, in the load generators, before anything is timed.
  say(`bench:heartbeats: ${devicesN} devices, ${gensN} load generator(s), ${seconds} s per phase; data in ${dir}`);
  const per = Math.ceil(devicesN / gensN);
  const gens = Array.from({ length: gensN }, (_, g) =>
    fork(join(here, 'bench/heartbeat-load.ts'), [seed, String(g * per), String(Math.max(0, Math.min(per, devicesN - g * per))), String(CHAIN_ID), networkId], { execArgv: ['--import', 'tsx'] }),
  );
  children.push(...gens);
  const accounts = await Promise.all(gens.map((g) => waitFor(g, 'accounts')));
  say(`signed ${devicesN} hellos in ${(Math.max(...accounts.map((a) => a.signMs)) / 1000).toFixed(1)} s`);

  // 2. Devices seeded straight into the store (registration is not what is measured).
  const file = join(dir, 'coordinator.sqlite');
  const seeded = await openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(seeded.db);
  const now = Date.now();
  const ids = accounts.flatMap((a) => a.addresses);
  for (let i = 0; i < ids.length; i += 500) {
    await seeded.db
      .insertInto('devices')
      .values(ids.slice(i, i + 500).map((id) => ({
        id, operator: null, state: 'available' as const, gpu_model: null, hardware: JSON.stringify({ kind: 'cpu', gpus: [] }), simulated: 1,
        registered_at: now, state_changed_at: now, last_heartbeat_at: null, heartbeat_seq: 0,
      })))
      .execute();
  }
  await seeded.close();

  // 3. The real coordinator, as its own process.
  const profileDir = join(dir, 'profile');
  const logFile = join(dir, 'coordinator.log');
  const coordinator = fork(join(here, '../src/main.ts'), [], {
    execArgv: ['--import', 'tsx', ...(args.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
    env: {
      ...process.env,
      TG_DATA_DIR: dir, TG_COORDINATOR_PORT: '0', TG_NETWORK_ID: networkId, TG_CHAIN_ID: String(CHAIN_ID), TG_LOG_LEVEL: 'info',
      TG_HEARTBEAT_BATCH_MS: args['batch-ms'], TG_PING_INTERVAL_MS: '30000', TG_DOWN_AFTER_MS: '3600000', TG_SWEEP_INTERVAL_MS: '600000', TG_CHALLENGE_PROFILE: 'devnet',
    },
    // Its log goes to a file: a pipe would block its shutdown if this process died first.
    stdio: ['ignore', openSync(logFile, 'a'), 'inherit', 'ipc'],
  });
  children.push(coordinator);
  const url = await new Promise<string>((resolve, reject) => {
    coordinator.on('message', (m: { type?: string; url?: string }) => m.type === 'ready' && resolve(m.url!));
    coordinator.once('exit', (code) => reject(new Error(`coordinator exited (${code}): ${readFileSync(logFile, 'utf8')}`)));
  });

  // 4. One authenticated session per device.
  const connectStarted = performance.now();
  for (const g of gens) g.send({ type: 'connect', url, concurrency: 64 } satisfies ToLoad);
  const connected = await Promise.all(gens.map((g) => waitFor(g, 'connected')));
  const sessions = connected.reduce((a, c) => a + c.sessions, 0);
  say(`opened ${sessions} authenticated sessions (${connected.reduce((a, c) => a + c.failed, 0)} failed) in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s; coordinator RSS ${procUsage(coordinator.pid!).rssMiB.toFixed(0)} MiB`);

  // 5. The phases: each target rate, then flat out.
  const phases: Phase[] = [];
  const plan = [...rates.map((r) => ({ phase: `${r}/s`, mode: 'rate' as const, rate: r })), { phase: 'max', mode: 'max' as const, rate: 0 }];
  const loadPids = gens.map((g) => g.pid!);
  for (const step of plan) {
    const before = { coord: procUsage(coordinator.pid!), load: usage(loadPids), machine: machineCpu(), fromUs: monotonicUs() };
    const reports = gens.map((g) => waitFor(g, 'phase'));
    for (const g of gens) g.send({ type: 'run', phase: step.phase, mode: step.mode, ratePerS: step.rate / gensN, seconds } satisfies ToLoad);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const after = { coord: procUsage(coordinator.pid!), load: usage(loadPids), machine: machineCpu(), toUs: monotonicUs() };
    const done = (await Promise.all(reports)).map((r) => r.report);
    phases.push(toPhase({ step, done, before, after }));
    const p = phases.at(-1)!;
    say(`${p.phase.padStart(8)}: acked ${p.ackedPerS.toFixed(0)}/s (sent ${p.sent}, skipped ${p.skipped}, refused ${JSON.stringify(p.refused)}), ack p50 ${p.p50Ms} ms p99 ${p.p99Ms} ms; coordinator CPU ${p.coordinatorCpuPct.toFixed(0)}% (${p.coordinatorUsPerHeartbeat} µs/heartbeat) RSS ${p.coordinatorRssMiB.toFixed(0)} MiB; load generators ${p.loadCpuPct.toFixed(0)}%; rest of machine ${p.otherCpuPct.toFixed(0)}%`);
  }

  // 6. Attacks: replayed heartbeats on every session, forged ones (no hello; a replayed hello) on new sockets.
  const attackReports = gens.map((g) => waitFor(g, 'attacked'));
  for (const g of gens) g.send({ type: 'attack', newSockets: 100 } satisfies ToLoad);
  const attacks = mergeAttacks((await Promise.all(attackReports)).map((r) => r.report));
  say(`attacks: ${attacks.replayed.sent} replayed heartbeats, ${attacks.replayed.accepted} accepted (refused ${JSON.stringify(attacks.replayed.refused)}); ${attacks.forged.sent} forged, ${attacks.forged.accepted} accepted (refused ${JSON.stringify(attacks.forged.refused)})`);

  // 7. Stop, then check the store against what was acked.
  const seqsReported = Promise.all(gens.map((g) => waitFor(g, 'seqs')));
  for (const g of gens) g.send({ type: 'finish' } satisfies ToLoad);
  const seqs = await seqsReported;
  for (const g of gens) g.kill();
  const exited = new Promise((r) => coordinator.once('exit', r));
  coordinator.kill('SIGTERM');
  await exited;
  const acked = Object.assign({}, ...seqs.map((s) => s.acked)) as Record<string, number>;
  const check = await verifyStore(file, acked);
  const ingest = (/"heartbeats":(\{[^}]*\})/.exec(readFileSync(logFile, 'utf8'))?.[1] ?? '{}');
  const stats = JSON.parse(ingest) as { batches?: number; heartbeats?: number; storeMs?: number; largestBatch?: number };
  let profile: ProfileSummary | undefined;
  if (args.profile) {
    const prof = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    const max = phases.at(-1)!;
    if (prof) profile = summarizeCpuProfile(join(profileDir, prof), max.window);
  }
  const best = phases.filter((p) => Object.keys(p.refused).length === 0 && (p.targetPerS === null || p.ackedPerS >= 0.95 * p.targetPerS)).sort((a, b) => b.ackedPerS - a.ackedPerS)[0];
  const result = {
    command: `npm run bench:heartbeats -- ${process.argv.slice(2).join(' ')}`.trim(),
    devices: devicesN, sessions, seconds, loadGenerators: gensN, cores: (await import('node:os')).cpus().length,
    sustainedAckedPerS: Math.round(best?.ackedPerS ?? 0),
    attacks,
    phases: phases.map(({ window: _w, ...p }) => ({ ...p, ackedPerS: Math.round(p.ackedPerS) })),
    store: {
      ...check,
      batches: stats.batches, heartbeatsInBatches: stats.heartbeats, largestBatch: stats.largestBatch,
      avgBatch: stats.batches ? Math.round((stats.heartbeats ?? 0) / stats.batches) : 0,
      storeUsPerHeartbeat: stats.heartbeats ? Number((((stats.storeMs ?? 0) * 1000) / stats.heartbeats).toFixed(1)) : null,
    },
    ...(profile ? { profile } : {}),
  };
  if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printSummary(result, profile);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  process.exit(check.ackedButNotStored === 0 && attacks.replayed.accepted + attacks.forged.accepted === 0 ? 0 : 1);
}

function toPhase(input: {
  step: { phase: string; mode: 'rate' | 'max'; rate: number };
  done: PhaseReport[];
  before: { coord: ProcUsage; load: ProcUsage; machine: { busyS: number }; fromUs: number };
  after: { coord: ProcUsage; load: ProcUsage; machine: { busyS: number }; toUs: number };
}): Phase {
  const { step, done, before, after } = input;
  const latencies = done.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const refused: Record<string, number> = {};
  for (const r of done) for (const [code, n] of Object.entries(r.refused)) refused[code] = (refused[code] ?? 0) + n;
  const coordS = after.coord.cpuS - before.coord.cpuS;
  const loadS = after.load.cpuS - before.load.cpuS;
  const machineS = after.machine.busyS - before.machine.busyS;
  const acked = done.reduce((a, r) => a + r.acked, 0);
  return {
    phase: step.phase,
    targetPerS: step.mode === 'rate' ? step.rate : null,
    sent: done.reduce((a, r) => a + r.sent, 0),
    acked,
    ackedPerS: acked / seconds,
    refused,
    skipped: done.reduce((a, r) => a + r.skipped, 0),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    coordinatorCpuPct: (coordS / seconds) * 100,
    coordinatorUsPerHeartbeat: acked > 0 ? Math.round((coordS * 1e6) / acked) : 0,
    coordinatorRssMiB: after.coord.rssMiB,
    loadCpuPct: (loadS / seconds) * 100,
    otherCpuPct: Math.max(0, ((machineS - coordS - loadS) / seconds) * 100),
    window: { fromUs: before.fromUs, toUs: after.toUs },
  };
}

async function verifyStore(file: string, acked: Record<string, number>) {
  const opened = await openDatabase({ kind: 'sqlite', file });
  const rows = await opened.db.selectFrom('devices').select(['id', 'heartbeat_seq']).execute();
  await opened.close();
  let ackedButNotStored = 0;
  let storedButNotAcked = 0;
  let storedHeartbeats = 0;
  for (const row of rows) {
    const a = acked[row.id] ?? 0;
    storedHeartbeats += row.heartbeat_seq;
    if (row.heartbeat_seq < a) ackedButNotStored++;
    if (row.heartbeat_seq > a) storedButNotAcked++;
  }
  const ackedHeartbeats = Object.values(acked).reduce((a, b) => a + b, 0);
  return { ackedHeartbeats, storedHeartbeats, ackedButNotStored, storedButNotAcked };
}

function printSummary(result: { sustainedAckedPerS: number; store: Record<string, unknown>; command: string }, profile: ProfileSummary | undefined): void {
  say('');
  say(`sustained: ${result.sustainedAckedPerS} acked heartbeats/s (highest phase with no refusals that reached 95% of its target, or flat out)`);
  say(`store check: ${JSON.stringify(result.store)}`);
  if (profile) {
    say(`coordinator CPU profile, flat-out phase (${(profile.windowMs / 1000).toFixed(1)} s of samples):`);
    for (const c of profile.byCategory) say(`  ${(c.share * 100).toFixed(1).padStart(5)}%  ${String(c.ms).padStart(6)} ms  ${c.category}`);
    say('  top functions (self time):');
    for (const f of profile.topFunctions.slice(0, 10)) say(`    ${String(f.ms).padStart(6)} ms  ${f.name}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:heartbeats failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

/** Sums the generators' attack reports. */
function mergeAttacks(reports: readonly AttackReport[]): AttackReport {
  const merge = (parts: readonly AttackOutcome[]): AttackOutcome => {
    const refused: Record<string, number> = {};
    for (const p of parts) for (const [code, n] of Object.entries(p.refused)) refused[code] = (refused[code] ?? 0) + n;
    return { sent: parts.reduce((a, p) => a + p.sent, 0), accepted: parts.reduce((a, p) => a + p.accepted, 0), refused };
  };
  return { replayed: merge(reports.map((r) => r.replayed)), forged: merge(reports.map((r) => r.forged)) };
}
