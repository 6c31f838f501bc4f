import { createDeviceStore, createSupplyStores } from '@tensorgrid/db';
import { forgiveDowntime, upMillis } from '@tensorgrid/domain';
import { PROTOCOL_VERSION, type DeviceLocation } from '@tensorgrid/protocol';
import { createCoordinatorClient, getDeviceUptime, getExplorerDevice, openSession, registerDevice, sendHeartbeat, type CoordinatorClient } from '@tensorgrid/sdk';
import { sampleHardware, startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const GRACE = 40_000;
const DOWN_AT_ONCE = 120_000;

describe('liveness over a real coordinator (SQLite, moved clock)', () => {
  let coord: TestCoordinator;
  let seq = 0;
  beforeEach(async () => {
    // Down at once: within 2 min (10 in production), so the test's moved clock stays inside the 300 s its signatures allow.
    coord = await startTestCoordinator('sqlite', { minRegionDevices: 2, downAtOnceMs: DOWN_AT_ONCE });
  });
  afterEach(async () => coord?.close());

  async function liveDevice(location?: DeviceLocation): Promise<CoordinatorClient> {
    const worker = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    await registerDevice(worker, { hardware: sampleHardware(), ...(location ? { location } : {}) });
    await sendHeartbeat(worker, { seq: ++seq });
    return worker;
  }
  const idOf = (c: CoordinatorClient) => c.account!.address.toLowerCase();
  const reader = () => createCoordinatorClient({ url: coord.url });

  it('marks a device silent past the grace down, and its history shows it', async () => {
    const worker = await liveDevice({ country: 'NL' });
    coord.advance(GRACE - 1000);
    expect(await coord.app.liveness.sweepSilent(GRACE)).toEqual([]);
    coord.advance(2000);
    expect(await coord.app.liveness.sweepSilent(GRACE)).toEqual([idOf(worker)]);
    const uptime = await getDeviceUptime(reader(), { id: idOf(worker), to: new Date(Date.now() + 10 * 60_000).toISOString() });
    expect(uptime.changes.map((c) => c.up)).toEqual([true, false]);
    // NL has one device, below the minimum region size: its downtime is its own.
    expect(uptime.forgivenMs).toBe(0);
    expect((await getExplorerDevice(reader(), { id: idOf(worker) })).region).toEqual({ code: 'NL', degraded: false });
    await sendHeartbeat(worker, { seq: ++seq });
    expect((await getDeviceUptime(reader(), { id: idOf(worker), to: new Date(Date.now() + 10 * 60_000).toISOString() })).changes.map((c) => c.up)).toEqual([true, false, true]);
  });

  it('puts a region with ≥ 55% of its devices down in degraded mode and does not penalise them', async () => {
    const de = [await liveDevice({ country: 'DE' }), await liveDevice({ country: 'DE' }), await liveDevice({ country: 'DE' })];
    const fr = [await liveDevice({ country: 'FR' }), await liveDevice({ country: 'FR' })];
    coord.advance(GRACE + 1000);
    // One of three in DE (2/3 = 67% down) and one of two in FR (50% down) keep beating.
    await sendHeartbeat(de[0]!, { seq: ++seq });
    await sendHeartbeat(fr[0]!, { seq: ++seq });
    expect(await coord.app.liveness.sweepSilent(GRACE)).toEqual([idOf(de[1]!), idOf(de[2]!), idOf(fr[1]!)].sort());
    const now = Date.now() + GRACE + 1000;
    expect(await coord.app.liveness.degradedIntervals('DE', { fromMs: now - 3_600_000, toMs: now + 3_600_000 })).toHaveLength(1);
    expect(await coord.app.liveness.degradedIntervals('FR', { fromMs: now - 3_600_000, toMs: now + 3_600_000 })).toEqual([]);

    coord.advance(60_000);
    const forgiven = await getExplorerDevice(reader(), { id: idOf(de[1]!) });
    const penalised = await getExplorerDevice(reader(), { id: idOf(fr[1]!) });
    expect(forgiven.region).toEqual({ code: 'DE', degraded: true });
    expect(forgiven.timeScore.last24h).toBeGreaterThan(0.99);
    expect(penalised.timeScore.last24h).toBeLessThan(0.7);
    expect(forgiven.quality.parts.uptime).toBeGreaterThan(penalised.quality.parts.uptime);
    expect(forgiven.downtimePerDay.reduce((s, d) => s + d.downMs, 0)).toBeLessThan(1000);
    const uptime = await getDeviceUptime(reader(), { id: idOf(de[1]!), to: new Date(Date.now() + GRACE + 61_000).toISOString() });
    expect(uptime.forgivenMs).toBeGreaterThanOrEqual(60_000);
    expect(uptime.degradedIntervals).toHaveLength(1);

    // DE recovers: its degraded interval closes at the next sweep.
    for (const d of de.slice(1)) await sendHeartbeat(d, { seq: ++seq });
    await coord.app.liveness.sweepSilent(GRACE);
    expect((await getExplorerDevice(reader(), { id: idOf(de[1]!) })).region).toEqual({ code: 'DE', degraded: false });
  });

  it('counts only devices that went down at once: ones switched off long before cannot tip a region, and a long outage stays degraded', async () => {
    const pl = [await liveDevice({ country: 'PL' }), await liveDevice({ country: 'PL' }), await liveDevice({ country: 'PL' }), await liveDevice({ country: 'PL' })];
    const degraded = async () => (await getExplorerDevice(reader(), { id: idOf(pl[3]!) })).region.degraded;
    // Two go away for good (2 of 4: 50 %, not degraded).
    coord.advance(GRACE + 1000);
    for (const d of pl.slice(2)) await sendHeartbeat(d, { seq: ++seq });
    expect(await coord.app.liveness.sweepSilent(GRACE)).toEqual([idOf(pl[0]!), idOf(pl[1]!)].sort());
    expect(await degraded()).toBe(false);
    // Later a third drops: 3 of 4 down, but the first two were down long before; 1 of 2 went down now.
    for (let i = 0; i < 3; i++) {
      coord.advance(GRACE);
      for (const d of pl.slice(2)) await sendHeartbeat(d, { seq: ++seq });
    }
    coord.advance(GRACE + 1000);
    await sendHeartbeat(pl[3]!, { seq: ++seq });
    expect(await coord.app.liveness.sweepSilent(GRACE)).toEqual([idOf(pl[2]!)]);
    expect(await degraded()).toBe(false);
    // The last one drops within minutes of it: 2 of 2 down at once, degraded…
    coord.advance(GRACE + 1000);
    expect(await coord.app.liveness.sweepSilent(GRACE)).toEqual([idOf(pl[3]!)]);
    expect(await degraded()).toBe(true);
    // …and still degraded well past the down-at-once window, while they stay down (they went down with the region).
    coord.advance(2 * DOWN_AT_ONCE);
    await coord.app.liveness.sweepSilent(GRACE);
    expect(await degraded()).toBe(true);
    // Both devices that went down with the region are forgiven their whole downtime, the first of them too; the ones switched off before are not.
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const uptime = (c: CoordinatorClient) => getDeviceUptime(reader(), { id: idOf(c), to });
    for (const d of [pl[2]!, pl[3]!]) {
      const u = await uptime(d);
      const downAt = Date.parse(u.changes.filter((c) => !c.up).at(-1)!.at);
      expect(u.forgivenMs).toBe(Date.parse(to) - downAt);
    }
    expect((await uptime(pl[0]!)).forgivenMs).toBe(0);
  });

  it('re-enters degraded mode after a quick exit with an interval of its own, and stops counting devices that never come back after 48 h', async () => {
    const H = 3_600_000;
    const store = createDeviceStore(coord.database.db);
    const se = await Promise.all([0, 1, 2, 3].map(() => liveDevice({ country: 'SE' })));
    let offset = 0;
    const at = () => Date.now() + offset;
    const move = (ms: number) => {
      offset += ms;
      coord.advance(ms);
    };
    const setState = (c: CoordinatorClient, state: 'down' | 'available') => store.setDeviceState(idOf(c), state, at());
    const FAR = at() + 100 * H; // an open interval reads as ending here
    const intervals = () => coord.app.liveness.degradedIntervals('SE', { fromMs: 0, toMs: FAR });
    // 3 of 4 go down: degraded.
    for (const d of se.slice(0, 3)) await setState(d, 'down');
    await coord.app.liveness.updateDegradedMode(GRACE);
    expect(await intervals()).toHaveLength(1);
    // One comes back (2 of 4, 50 %): the interval closes; half a minute later it drops again (all within the down-at-once window): a second interval, starting where the first ended.
    move(30_000);
    await setState(se[0]!, 'available');
    await coord.app.liveness.updateDegradedMode(GRACE);
    const [first] = await intervals();
    expect(first!.to).toBeLessThan(FAR); // closed
    move(30_000);
    await setState(se[0]!, 'down');
    await coord.app.liveness.updateDegradedMode(GRACE);
    const both = await intervals();
    expect(both).toHaveLength(2);
    expect(both[1]!.from).toBe(first!.to);
    // The three never return: after 48 h they no longer hold the region degraded.
    move(47 * H);
    await coord.app.liveness.updateDegradedMode(GRACE);
    expect((await intervals()).at(-1)!.to).toBe(FAR); // still open
    move(2 * H);
    await coord.app.liveness.updateDegradedMode(GRACE);
    expect((await intervals()).at(-1)!.to).toBeLessThan(FAR);
  });

  it('forgives a device that went down in a degraded interval begun before the window read (a long outage seen by a later block)', async () => {
    const H = 3_600_000;
    const { history, degraded } = createSupplyStores(coord.database.db);
    const id = '0x00000000000000000000000000000000000000aa';
    await history.recordChange(id, { at: 0, up: true });
    await degraded.startDegraded('CZ', 1 * H);
    await history.recordChange(id, { at: 1 * H + 40_000, up: false }); // went down with the region
    const window = { fromMs: 2 * H, toMs: 8 * H };
    const read = await coord.app.liveness.historyWithDegraded(id, 'CZ', window);
    expect(read.degraded[0]?.from).toBe(1 * H + 40_000); // read from the last change before the window, not from the window's start
    expect(upMillis(forgiveDowntime(read.changes, read.degraded), { from: window.fromMs, to: window.toMs })).toBe(6 * H);
  });

  it('blocks a busy device that reports foreign GPU processes, and records it down', async () => {
    const worker = await liveDevice();
    await createDeviceStore(coord.database.db).setDeviceState(idOf(worker), 'busy', Date.now());
    const session = await openSession(worker);
    session.send({ type: 'workload.report', v: PROTOCOL_VERSION, foreignProcesses: [{ pid: 4242, name: 'xmrig' }] });
    await session.closed;
    const device = await getExplorerDevice(reader(), { id: idOf(worker) });
    expect(device.state).toBe('blocked');
    expect(device.eligibility.reasons).toContainEqual({ code: 'blocked' });
    expect((await getDeviceUptime(reader(), { id: idOf(worker), to: new Date(Date.now() + 60_000).toISOString() })).changes.at(-1)?.up).toBe(false);
  });

  it('ignores foreign GPU processes on a device that is not hired', async () => {
    const worker = await liveDevice();
    const errors: string[] = [];
    const session = await openSession(worker, { onMessage: (m) => m.type === 'error' && errors.push(m.code) });
    session.send({ type: 'workload.report', v: PROTOCOL_VERSION, foreignProcesses: [{ pid: 1, name: 'my-own-training' }] });
    await new Promise((r) => setTimeout(r, 100));
    await session.close();
    expect(errors).toEqual([]);
    expect((await getExplorerDevice(reader(), { id: idOf(worker) })).state).toBe('available');
  });
});
