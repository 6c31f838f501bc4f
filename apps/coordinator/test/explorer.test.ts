import { createChallengeResultStore } from '@tensorgrid/db';
import { explorerDeviceSchema, explorerDevicesResponseSchema } from '@tensorgrid/protocol';
import { createCoordinatorClient, getDeviceChallenges, getDeviceRewards, getExplorerDevice, listExplorerDevices, registerDevice, sendHeartbeat } from '@tensorgrid/sdk';
import { sampleGpu, sampleHardware, startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SECRET_UUID = 'GPU-5ec2e7-canary-uuid';
const SECRET_BUS = '00000000:C4:00.0';

describe('explorer API (SQLite)', () => {
  let coord: TestCoordinator;
  const ids: string[] = [];
  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite');
    const countries = ['DE', 'DE', 'FR', 'DE', 'JP'];
    for (const [i, country] of countries.entries()) {
      const worker = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
      const gpu = { ...sampleGpu(0), uuid: SECRET_UUID, busId: SECRET_BUS };
      await registerDevice(worker, { hardware: sampleHardware([gpu]), simulated: i === 3, location: { country, city: 'Berlin', latitude: 52.520008, longitude: 13.404954 } });
      await sendHeartbeat(worker, { seq: 1 });
      ids.push(worker.account!.address.toLowerCase());
    }
    ids.sort();
  });
  afterAll(async () => coord?.close());
  const reader = () => createCoordinatorClient({ url: coord.url });
  const get = async (path: string) => {
    const res = await fetch(coord.url + path);
    return { status: res.status, text: await res.text() };
  };

  it('pages by id with a next cursor until the end', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await listExplorerDevices(reader(), { limit: 2, ...(after ? { after } : {}) });
      seen.push(...res.devices.map((d) => d.id));
      if (!res.next) break;
      after = res.next;
    }
    expect(seen).toEqual(ids);
  });

  it('filters by country, simulated, state, tier, score and eligibility', async () => {
    const de = await listExplorerDevices(reader(), { country: 'de' });
    expect(de.devices).toHaveLength(3);
    expect(de.devices.every((d) => d.location?.country === 'DE')).toBe(true);
    expect((await listExplorerDevices(reader(), { country: 'DE', simulated: 'false' })).devices).toHaveLength(2);
    expect((await listExplorerDevices(reader(), { state: 'down' })).devices).toEqual([]);
    expect((await listExplorerDevices(reader(), { tier: '1' })).devices).toEqual([]);
    expect((await listExplorerDevices(reader(), { minScore: 100 })).devices).toEqual([]);
    expect((await listExplorerDevices(reader(), { minScore: 0 })).devices).toHaveLength(5);
    // Registered just now: every one is in its 12 h trial.
    expect((await listExplorerDevices(reader(), { eligible: 'true' })).devices).toEqual([]);
    expect((await listExplorerDevices(reader(), { eligible: 'false', limit: 2 })).devices.map((d) => d.id)).toEqual(ids.slice(0, 2));
  });

  it.each([
    ['?tier=9', 'tier'],
    ['?limit=1000', 'limit'],
    ['?country=Germany', 'country'],
    ['?simulated=maybe', 'simulated'],
    ['?minScore=-1', 'minScore'],
    ['?eligible=yes', 'eligible'],
    ['?after=0x123', 'after'],
    ['?operator=0x0000000000000000000000000000000000000001', ''],
  ])('refuses GET /v1/explorer/devices%s with a typed VALIDATION_FAILED naming the field', async (query, field) => {
    const res = await get(`/v1/explorer/devices${query}`);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { error: { code: string; message: string; data: { issues: { path: string }[] } } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/limit ≤ 100/);
    if (field) expect(body.error.data.issues.map((i) => i.path)).toContain(field);
  });

  it('shows a device with scores, eligibility and downtime, and 404s an unknown one', async () => {
    const device = await getExplorerDevice(reader(), { id: ids[0]! });
    expect(device).toMatchObject({ id: ids[0], state: 'available', kind: 'gpu', gpuCount: 1, tier: null, network: { throughput: null } });
    expect(device.eligibility.eligible).toBe(false);
    expect(device.eligibility.reasons.map((r) => r.code)).toContain('in-trial');
    expect(device.timeScore.last24h).toBeGreaterThan(0.5);
    expect(device.downtimePerDay.length).toBeGreaterThanOrEqual(1);
    await expect(getExplorerDevice(reader(), { id: `0x${'9'.repeat(40)}` })).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    expect((await get('/v1/explorer/devices/not-an-address')).status).toBe(400);
    expect((await get(`/v1/explorer/devices/${ids[0]}/uptime?from=2024-01-01T00:00:00Z&to=2024-06-01T00:00:00Z`)).status).toBe(400);
  });

  it('leaks nothing private: no GPU UUIDs, bus ids or precise coordinates, and no unknown fields', async () => {
    const list = await get('/v1/explorer/devices?limit=100');
    const one = await get(`/v1/explorer/devices/${ids[0]}`);
    const registry = [await get('/v1/devices?limit=100'), await get(`/v1/devices/${ids[0]}`)];
    for (const text of [list.text, one.text, ...registry.map((r) => r.text)]) {
      expect(text).not.toContain(SECRET_UUID);
      expect(text).not.toContain(SECRET_BUS);
      expect(text).not.toContain('52.520008');
      expect(text).not.toContain('13.404954');
    }
    expect(explorerDevicesResponseSchema.safeParse(JSON.parse(list.text)).success).toBe(true);
    const device = explorerDeviceSchema.parse(JSON.parse(one.text));
    expect(device.location).toEqual({ country: expect.any(String), city: 'Berlin', latitude: 52.5, longitude: 13.4 });
  });

  it('lists challenge results newest first, and no rewards until the rewards context is wired', async () => {
    const store = createChallengeResultStore(coord.database.db);
    const now = Date.now();
    await store.record({ id: 'c1', deviceId: ids[1]!, kind: 'memory', issuedAt: now - 2000, finishedAt: now - 1000, passed: true, reason: null, metrics: { elapsedMs: 1000 } });
    await store.record({ id: 'c2', deviceId: ids[1]!, kind: 'pow', issuedAt: now - 500, finishedAt: now - 100, passed: false, reason: 'wrong-answer', metrics: {} });
    const { challenges } = await getDeviceChallenges(reader(), { id: ids[1]! });
    expect(challenges.map((c) => [c.id, c.passed, c.reason])).toEqual([['c2', false, 'wrong-answer'], ['c1', true, null]]);
    expect((await getExplorerDevice(reader(), { id: ids[1]! })).quality.parts).toMatchObject({ memoryTestPassRate: 2 / 3, proofOfWorkPassRate: 1 / 3 });
    expect(await getDeviceRewards(reader(), { id: ids[1]! })).toEqual({ rewards: [], next: null });
  });

  it('pages challenge results with a before cursor until next is null, results in one millisecond included', async () => {
    const store = createChallengeResultStore(coord.database.db);
    const now = Date.now();
    const issued = [now - 90_000, now - 60_000, now - 60_000, now - 60_000, now - 40 * 86_400_000];
    for (const [i, at] of issued.entries()) {
      await store.record({ id: `ch_p${i}`, deviceId: ids[2]!, kind: 'pow', issuedAt: at, finishedAt: at + 10, passed: true, reason: null, metrics: {} });
    }
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await getDeviceChallenges(reader(), { id: ids[2]!, limit: 2, ...(before ? { before } : {}) });
      expect(res.challenges.length).toBeLessThanOrEqual(2);
      seen.push(...res.challenges.map((c) => c.id));
      if (!res.next) break;
      before = res.next;
    }
    expect(seen).toEqual(['ch_p3', 'ch_p2', 'ch_p1', 'ch_p0', 'ch_p4']);
    // A bare time: what was issued before it.
    expect((await getDeviceChallenges(reader(), { id: ids[2]!, before: String(now - 60_000) })).challenges.map((c) => c.id)).toEqual(['ch_p0', 'ch_p4']);
    expect(await getDeviceRewards(reader(), { id: ids[2]!, limit: 5, before: '100' })).toEqual({ rewards: [], next: null });
  });

  it.each([
    ['challenges', '?limit=0', 'limit'],
    ['challenges', '?limit=101', 'limit'],
    ['challenges', '?before=yesterday', 'before'],
    ['challenges', '?before=123:bad%20id', 'before'],
    ['challenges', '?after=1', ''],
    ['rewards', '?limit=abc', 'limit'],
    ['rewards', '?before=-1', 'before'],
    ['rewards', '?before=12:ch_x', 'before'],
    ['rewards', '?cursor=1', ''],
  ])('refuses GET /v1/explorer/devices/:id/%s%s with a typed VALIDATION_FAILED naming the field', async (route, query, field) => {
    const res = await get(`/v1/explorer/devices/${ids[0]}/${route}${query}`);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { error: { code: string; message: string; data: { issues: { path: string }[] } } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/limit ≤ 100, before/);
    if (field) expect(body.error.data.issues.map((i) => i.path)).toContain(field);
  });
});
