/**
 * GET /v1/health/outages on the real app and a real database of each dialect: the coordinator
 * marks its own run when it starts (so it never reports itself down), and the gaps between
 * recorded runs are its outages (none before the first run recorded).
 */
import { createServiceUptimeStore } from '@tensorgrid/db';
import { SERVICE_ALIVE_EVERY_MS } from '@tensorgrid/domain';
import { createCoordinatorClient, getOutages } from '@tensorgrid/sdk';
import { DIALECTS, startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DIALECTS)('coordinator outages on %s', (kind) => {
  let coord: TestCoordinator;
  let startedAt: number;
  let ready: number;

  beforeAll(async () => {
    startedAt = Date.now();
    coord = await startTestCoordinator(kind);
    ready = Date.now();
  });
  afterAll(async () => coord?.close());

  it('reports none while this process has run through the window', async () => {
    const client = createCoordinatorClient({ url: coord.url });
    await new Promise((r) => setTimeout(r, 50));
    const seen = await getOutages(client, { fromMs: ready });
    expect(seen.outages).toEqual([]);
    expect(Date.parse(seen.to)).toBeGreaterThanOrEqual(Date.parse(seen.from));
  });

  it('reports the gaps between recorded runs, and nothing before the first (the record did not exist yet)', async () => {
    const runs = createServiceUptimeStore(coord.database.db);
    const t = startedAt - 3_600_000;
    // An earlier process: up from t to t + 10 min (its last mark), then nothing until this one started.
    await runs.markAlive({ instance: 'earlier', startedAt: t, at: t + 600_000 });
    const client = createCoordinatorClient({ url: coord.url });
    const { from, outages } = await getOutages(client, { fromMs: t - 60_000 });
    expect(Date.parse(from)).toBe(t);
    expect(outages.map((o) => [Date.parse(o.from), Date.parse(o.to)])).toEqual([[t + 600_000 + SERVICE_ALIVE_EVERY_MS, expect.any(Number)]]);
    const restart = Date.parse(outages[0]!.to);
    expect(restart).toBeGreaterThanOrEqual(startedAt);
    expect(restart).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a window start that is not a time, saying what it needs', async () => {
    const res = await fetch(`${coord.url}/v1/health/outages?from=yesterday`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await fetch(`${coord.url}/v1/health/outages`)).status).toBe(400);
  });
});
