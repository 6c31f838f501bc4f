/**
 * `npm run bench:challenge-schedule [-- --devices N --due D --database sqlite|postgres --json]`:
 * what one challenge tick costs with N devices registered. Seeds N available devices in a temp
 * SQLite file, or a temp schema on PostgreSQL (`--pg-url`, default the local server's `test`
 * database; dropped afterwards), half of them alone and half in operators of 8, every one
 * already challenged, and their groups' next rounds spread over the coming hour, D of them due
 * now. Then times, in CPU and wall ms (this process's CPU; on PostgreSQL the server's shows in
 * the wall time):
 * - a tick with D groups due (claim the rounds, read and mark their members, in batches; no
 *   device has a session here, so nothing is sent): the scheduler's own work per round;
 * - a quiet tick (nothing due, nothing new), as most ticks are;
 * - listing every available device 1,000 at a time, which is what each tick did before the
 *   schedule moved into the database (it grows with N, the ticks above do not).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createChallengeScheduleStore, createDeviceStore, migrateToLatest, openDatabase } from '@tensorgrid/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createChallengeScheduler } from '../src/challenges/challenge-scheduler';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '100000' },
    due: { type: 'string', default: '1000' },
    database: { type: 'string', default: 'sqlite' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write('Usage: npm run bench:challenge-schedule -- [--devices 100000] [--due 1000] [--database sqlite|postgres] [--pg-url URL] [--json]\n');
  process.exit(0);
}
const devicesN = Number(args.devices);
const dueN = Number(args.due);
if (!Number.isInteger(devicesN) || !Number.isInteger(dueN) || devicesN < 16 || dueN < 1 || dueN > 1000) {
  console.error('bench:challenge-schedule: --devices must be an integer ≥ 16 and --due an integer in 1..1000 (one tick claims at most 1,000 rounds)');
  process.exit(2);
}
if (args.database !== 'sqlite' && args.database !== 'postgres') {
  console.error(`bench:challenge-schedule: --database must be sqlite or postgres, not ${args.database}`);
  process.exit(2);
}
const say = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

/** CPU and wall ms of one run of `fn`. */
async function timed(fn: () => Promise<unknown>): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

const dir = mkdtempSync(join(tmpdir(), 'tg-bench-schedule-'));
const schema = `bench_schedule_${randomBytes(4).toString('hex')}`;
const opened = await openDatabase(args.database === 'postgres' ? { kind: 'postgres', url: args['pg-url'], schema } : { kind: 'sqlite', file: join(dir, 'coordinator.sqlite') });
try {
  await migrateToLatest(opened.db);
  const now = Date.now();
  say(`bench:challenge-schedule: seeding ${devicesN} devices, ${dueN} groups due, on ${args.database === 'postgres' ? `PostgreSQL schema ${schema}` : `SQLite in ${dir}`}`);
  const lone = Math.floor(devicesN / 2);
  const groupOf = (i: number) => (i < lone ? `device:${id(i)}` : `operator:op${Math.floor((i - lone) / 8)}`);
  function id(i: number): string {
    return `0x${i.toString(16).padStart(40, '0')}`;
  }
  for (let i = 0; i < devicesN; i += 500) {
    const rows = Array.from({ length: Math.min(500, devicesN - i) }, (_, k) => i + k).map((n) => ({
      id: id(n), operator: n < lone ? null : `op${Math.floor((n - lone) / 8)}`, state: 'available' as const, gpu_model: null,
      hardware: JSON.stringify({ kind: 'cpu', gpus: [] }), simulated: 0, registered_at: 0, state_changed_at: 0, last_heartbeat_at: null, heartbeat_seq: 0, first_round_at: 0,
    }));
    await opened.db.insertInto('devices').values(rows).execute();
  }
  const groups = [...new Set(Array.from({ length: devicesN }, (_, i) => groupOf(i)))];
  // Due ones spread over the groups, so lone devices and operators both come due.
  const step = Math.floor(groups.length / dueN);
  const dueAt = (g: number) => (g % step === 0 && g / step < dueN ? now - 1 : now + 1 + Math.floor((g / groups.length) * 3_600_000));
  for (let g = 0; g < groups.length; g += 500) {
    await opened.db.insertInto('challenge_groups').values(groups.slice(g, g + 500).map((group, k) => ({ group_key: group, simulated: 0, next_round_at: dueAt(g + k), round_at: 0 }))).execute();
  }
  // Fresh planner statistics, as autovacuum keeps them on a live server (without them PostgreSQL plans for an empty table).
  if (args.database === 'postgres') await sql`analyze`.execute(opened.db);
  const scheduler = createChallengeScheduler({
    store: createChallengeScheduleStore(opened.db),
    runner: { issue: () => ({ kind: 'offline' }) },
    hasSession: () => false,
    now: () => now,
    log: pino({ level: 'silent' }),
  });
  const dueTick = await timed(() => scheduler.tick());
  const claimed = await opened.db.selectFrom('challenge_groups').select((eb) => eb.fn.countAll<number>().as('n')).where('round_at', '=', now).executeTakeFirstOrThrow();
  const quietTick = await timed(() => scheduler.tick());
  const store = createDeviceStore(opened.db);
  let listed = 0;
  const listAll = await timed(async () => {
    for (let after: string | undefined; ; ) {
      const page = await store.listDevices({ state: 'available', limit: 1000, ...(after ? { after } : {}) });
      listed += page.length;
      if (page.length < 1000) return;
      after = page[page.length - 1]!.id;
    }
  });
  const result = {
    database: args.database,
    devices: devicesN, groups: groups.length, due: dueN, roundsClaimed: Number(claimed.n),
    dueTick: { ...dueTick, cpuUsPerRound: (1000 * dueTick.cpuMs) / Math.max(1, Number(claimed.n)) }, quietTick, listAllAvailable: { ...listAll, listed },
  };
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const f = (t: { cpuMs: number; wallMs: number }) => `${t.cpuMs.toFixed(1)} ms CPU, ${t.wallMs.toFixed(1)} ms wall`;
    say(`${groups.length} groups; a tick with ${dueN} due claimed ${result.roundsClaimed} rounds: ${f(dueTick)} (${result.dueTick.cpuUsPerRound.toFixed(0)} µs CPU per round)`);
    say(`a quiet tick (nothing due, nothing new): ${f(quietTick)}`);
    say(`listing all ${listed} available devices, as each tick did before: ${f(listAll)}`);
  }
} finally {
  if (args.database === 'postgres') await opened.db.schema.dropSchema(schema).cascade().execute();
  await opened.close();
  rmSync(dir, { recursive: true, force: true });
}
