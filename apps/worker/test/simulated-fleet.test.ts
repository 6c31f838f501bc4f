/**
 * The fleet simulator against the real coordinator app (SQLite): its devices register
 * flagged simulated with their declared locations, a sybil machine's identities share one
 * operator, every replayed heartbeat is refused, and a "GPU" that is really a CPU misses its
 * compute deadline (its slowness is simulated by waiting, so the outcome does not depend on
 * this machine's speed).
 */
import { createSupplyStores } from '@tensorgrid/db';
import { startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedFleet, type SimulatedFleet } from '../src/simulation/start-simulated-fleet';

describe('simulated fleet', () => {
  let coord: TestCoordinator;
  let fleet: SimulatedFleet;

  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite');
    // 16 devices, half adversarial: double-memory, fake-gpu, a sybil machine of 4, heartbeat-replay, double-memory.
    fleet = await startSimulatedFleet({ coordinatorUrl: coord.url, count: 16, seed: 5, speedup: 1, adversarialShare: 0.5, replayPeriodMs: 100, heartbeatIntervalMs: 1000, log: pino({ level: 'silent' }) });
  }, 60_000);
  afterAll(async () => {
    await fleet?.stop();
    await coord?.close();
  });

  it('registers every device flagged simulated, with its location, and a sybil machine under one operator', async () => {
    const devices = await coord.app.registry.list({ limit: 100 });
    expect(devices).toHaveLength(16);
    expect(devices.every((d) => d.simulated && d.location?.country.match(/^[A-Z]{2}$/))).toBe(true);
    const profiles = new Map(fleet.devices.map((d) => [d.deviceId, d.profile]));
    const sybils = devices.filter((d) => profiles.get(d.id) === 'sybil');
    expect(sybils).toHaveLength(4);
    expect(new Set(sybils.map((d) => d.operator)).size).toBe(1);
    const honestOperators = devices.filter((d) => profiles.get(d.id) === 'honest').map((d) => d.operator);
    expect(new Set(honestOperators).size).toBe(honestOperators.length);
  });

  it('gets every replayed heartbeat refused', async () => {
    for (let i = 0; i < 100 && fleet.replays().sent < 6; i++) await new Promise((r) => setTimeout(r, 50));
    const tally = fleet.replays();
    expect(tally.sent).toBeGreaterThanOrEqual(6);
    expect(tally.accepted).toBe(0);
    expect(Object.keys(tally.refusals).sort()).toEqual(['NONCE_REPLAYED', 'STALE_SEQUENCE']);
  });

  it('catches the fake GPU on compute: it misses the deadline its claimed model sets', async () => {
    const fake = fleet.devices.find((d) => d.profile === 'fake-gpu')!;
    const outcome = coord.app.challenges.issue(await coord.app.registry.get(fake.deviceId), 'compute');
    expect(outcome.kind).toBe('issued');
    if (outcome.kind !== 'issued') return;
    const result = await outcome.result;
    expect(result).toMatchObject({ passed: false, reason: 'deadline-missed' });
    expect(result.metrics.elapsedMs).toBeGreaterThan(result.metrics.deadlineMs!);
    expect(await createSupplyStores(coord.database.db).challenges.list(fake.deviceId, { fromMs: 0, toMs: Date.now() + 1000, limit: 5 })).toHaveLength(1);
  }, 30_000);
});
