/**
 * `npm run bench:heartbeat-store [-- --devices N --batches B --min S --max S --json]`: the SQLite
 * store's share of a heartbeat, alone. Seeds N devices in a temp SQLite file (WAL, as the
 * coordinator opens it), then records B group commits of S distinct random devices each (S
 * drawn between --min and --max, every heartbeat keeping its device's state, as nearly all do)
 * through `createDeviceStore(...).recordHeartbeats`, and prints wall and CPU time per heartbeat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeviceStore, migrateToLatest, openDatabase } from '../src/index';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    batches: { type: 'string', default: '400' },
    min: { type: 'string', default: '200' },
    max: { type: 'string', default: '400' },
    json: { type: 'boolean', default: false },
  },
});
const devices = Number(args.devices);
const batches = Number(args.batches);
const [min, max] = [Number(args.min), Number(args.max)];
if (![devices, batches, min, max].every((n) => Number.isInteger(n) && n > 0) || min > max || max > devices) {
  console.error('bench:heartbeat-store: --devices, --batches, --min and --max must be positive integers with min <= max <= devices');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'tg-bench-hb-store-'));
const opened = await openDatabase({ kind: 'sqlite', file: join(dir, 'store.sqlite') });
try {
  await migrateToLatest(opened.db);
  const now = Date.now();
  const ids = Array.from({ length: devices }, (_, i) => `0x${i.toString(16).padStart(40, '0')}`);
  for (let i = 0; i < ids.length; i += 500) {
    await opened.db.insertInto('devices').values(ids.slice(i, i + 500).map((id) => ({
      id, operator: null, state: 'available' as const, gpu_model: null, hardware: JSON.stringify({ kind: 'cpu', gpus: [] }), simulated: 1,
      registered_at: now, state_changed_at: now, last_heartbeat_at: null, heartbeat_seq: 0,
    }))).execute();
  }
  if (!args.json) console.log(`bench:heartbeat-store: ${devices} devices, ${batches} batches of ${min}-${max}; data in ${dir}`);
  const store = createDeviceStore(opened.db);
  const seq = new Map<string, number>();
  let heartbeats = 0;
  let wallMs = 0;
  const cpu = { user: 0, system: 0 };
  for (let b = 0; b < batches; b++) {
    const size = min + Math.floor(Math.random() * (max - min + 1));
    const chosen = new Set<string>();
    while (chosen.size < size) chosen.add(ids[Math.floor(Math.random() * ids.length)]!);
    const batch = [...chosen].map((id) => {
      const next = (seq.get(id) ?? 0) + 1;
      seq.set(id, next);
      return { id, seq: next, at: Date.now(), expectedState: 'available' as const, state: 'available' as const };
    });
    const started = performance.now();
    const before = process.cpuUsage();
    const results = await store.recordHeartbeats(batch);
    const used = process.cpuUsage(before);
    wallMs += performance.now() - started;
    cpu.user += used.user;
    cpu.system += used.system;
    if (results.some((r) => r.kind !== 'recorded')) throw new Error(`batch ${b}: a heartbeat was not recorded`);
    heartbeats += size;
    if (!args.json && (b + 1) % 100 === 0) console.log(`  ${b + 1}/${batches} batches`);
  }
  const perHeartbeat = (us: number) => Math.round((us / heartbeats) * 100) / 100;
  const report = { heartbeats, wallUs: perHeartbeat(wallMs * 1000), cpuUs: perHeartbeat(cpu.user + cpu.system), systemUs: perHeartbeat(cpu.system) };
  if (args.json) console.log(JSON.stringify(report));
  else console.log(`${heartbeats} heartbeats: ${report.wallUs} µs wall, ${report.cpuUs} µs CPU (${report.systemUs} µs in the kernel) per heartbeat`);
} finally {
  await opened.close();
  rmSync(dir, { recursive: true, force: true });
}
