/**
 * Cluster probes end to end: the real coordinator app (SQLite) asks real worker agents to
 * open probe listeners and measure each other over TCP on 127.0.0.1, and plans on the
 * measured matrices. Assertions are on structure and sign, never on speed.
 */
import { clusterProbeOptions } from '@tensorgrid/coordinator';
import { DEFAULT_ELIGIBILITY_POLICY } from '@tensorgrid/domain';
import { PROTOCOL_VERSION, planClusterResponseSchema, type ServerMessage } from '@tensorgrid/protocol';
import { createCoordinatorClient, openSession, registerDevice, sendHeartbeat, type Session } from '@tensorgrid/sdk';
import { sampleHardware, startTestCoordinator, type TestCoordinator, until } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerAgent, type WorkerAgent } from '../src/agent/worker-agent';

const log = pino({ level: 'silent' });
const SHAPE = { D_PP: 2, D_DP: 2, c_dp_gb: 1, c_pp_gb: 0.5 };

describe('cluster probes over real worker agents', () => {
  let coord: TestCoordinator;
  const agents: WorkerAgent[] = [];
  const sessions: Session[] = [];

  async function startAgent(): Promise<WorkerAgent> {
    const agent = createWorkerAgent({ client: createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) }), hardware: sampleHardware(), log, heartbeatIntervalMs: 1000, clusterProbe: { listenHost: '127.0.0.1' } });
    agents.push(agent);
    await agent.start();
    await until(() => coord.app.gateway.hasSession(agent.deviceId), 'the agent session');
    return agent;
  }

  /** A registered, live device whose session answers cluster messages with `answer` (a hand-written, dishonest worker). */
  async function startFake(answer: (message: ServerMessage, session: Session) => void): Promise<string> {
    const account = privateKeyToAccount(generatePrivateKey());
    const client = createCoordinatorClient({ url: coord.url, account });
    await registerDevice(client, { hardware: sampleHardware() });
    await sendHeartbeat(client, { seq: 1 });
    // Messages can arrive before openSession resolves (welcome): they are ignored until then.
    const opened: { session?: Session } = {};
    opened.session = await openSession(client, { onMessage: (m) => opened.session && answer(m, opened.session) });
    sessions.push(opened.session);
    return account.address.toLowerCase();
  }

  const plan = (body: unknown) => fetch(`${coord.url}/v1/clusters/plan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite', {
      clusterOptions: clusterProbeOptions({ probe: { pings: 3, bytes: 64 * 1024, perPeerTimeoutMs: 3_000, timeoutMs: 30_000, maxConcurrentProbers: 4 } }),
      // Hireable at once (no trial, no score yet): these tests are about probing; cluster-planner.test.ts covers eligibility.
      eligibility: { ...DEFAULT_ELIGIBILITY_POLICY, trialMs: 0, scoreThreshold: 0 },
    });
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await Promise.all(sessions.map((s) => s.close()));
    await coord?.close();
  });

  it('four devices probe each other; the coordinator returns full matrices and a valid plan, and reuses the pairs when asked again', async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await startAgent()).deviceId);
    const res = await plan({ devices: ids, ...SHAPE, seed: 3, budget: 200 });
    expect(res.status).toBe(200);
    const body = planClusterResponseSchema.parse(await res.json());
    expect(body.topology).toMatchObject({ ...SHAPE, labels: ids });
    for (const m of [body.topology.delay_ms, body.topology.bandwidth_gbps]) {
      expect(m).toHaveLength(4);
      m.forEach((row) => expect(row).toHaveLength(4));
    }
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        if (i === j) continue;
        expect(body.topology.delay_ms[i]![j]).toBeGreaterThan(0);
        expect(Number.isFinite(body.topology.delay_ms[i]![j])).toBe(true);
        expect(body.topology.bandwidth_gbps[i]![j]).toBeGreaterThan(0);
        expect(Number.isFinite(body.topology.bandwidth_gbps[i]![j])).toBe(true);
      }
    }
    expect(body.plan.groups.flat().sort()).toEqual([...ids].sort());
    expect([...body.plan.stage_order].sort()).toEqual([0, 1]);
    expect(body.plan).toMatchObject({ D_PP: 2, D_DP: 2, evaluations: expect.any(Number) });
    expect(body.plan.cost_s).toBeGreaterThan(0);
    expect(body.plan.pipelines.flat().sort()).toEqual([...ids].sort());
    expect(body.probe).toMatchObject({ measuredPairs: 6, reusedPairs: 0 });

    const again = planClusterResponseSchema.parse(await (await plan({ devices: ids, ...SHAPE, seed: 3, budget: 200 })).json());
    expect(again.probe).toMatchObject({ measuredPairs: 0, reusedPairs: 6 });
    expect(again.topology.delay_ms).toEqual(body.topology.delay_ms);
    expect(again.plan).toEqual(body.plan);
  }, 60_000);

  it('refuses bad input before probing: malformed ids, duplicates, unknown devices, a shape that does not fit', async () => {
    const [a, b] = agents.map((x) => x.deviceId);
    const errorOf = async (body: unknown) => {
      const res = await plan(body);
      return { status: res.status, error: ((await res.json()) as { error: { code: string; message: string; data: { devices?: string[] } } }).error };
    };
    expect(await errorOf({ devices: [a, '0x1234'], ...SHAPE })).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED' } });
    expect(await errorOf({ devices: [a, a], ...SHAPE })).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('listed twice') } });
    expect(await errorOf({ devices: [a] })).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED' } });
    const unknown = `0x${'9'.repeat(40)}`;
    expect(await errorOf({ devices: [a, unknown], D_PP: 2, D_DP: 1, c_dp_gb: 1, c_pp_gb: 1 })).toMatchObject({ status: 404, error: { code: 'DEVICE_NOT_FOUND', data: { devices: [unknown] } } });
    expect(await errorOf({ devices: [a, b], D_PP: 3, D_DP: 1, c_dp_gb: 1, c_pp_gb: 1 })).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('does not fit 2 devices') } });
  });

  it('names a device that is registered but offline', async () => {
    const [a] = agents.map((x) => x.deviceId);
    const gone = await startAgent();
    await gone.stop();
    await until(() => !coord.app.gateway.hasSession(gone.deviceId), 'the session to close');
    const res = await plan({ devices: [a, gone.deviceId] });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'DEVICES_UNAVAILABLE', data: { devices: [gone.deviceId] } } });
  });

  it('refuses a measurement that a prober invents without transferring, naming the devices', async () => {
    const honest = (await startAgent()).deviceId;
    // Device 0 of the pair probes device 1: the fake reports a perfect link and never connects.
    const fake = await startFake((m, session) => {
      if (m.type === 'cluster.probe') {
        session.send({ type: 'cluster.probed', v: PROTOCOL_VERSION, id: m.id, results: m.peers.map((p) => ({ deviceId: p.deviceId, ok: true as const, rttMs: 0.01, gbps: 400, bytes: m.bytes, sha256: 'ab'.repeat(32) })) });
      }
    });
    const res = await plan({ devices: [fake, honest], D_PP: 2, D_DP: 1, c_dp_gb: 1, c_pp_gb: 1 });
    expect(res.status).toBe(503);
    const { error } = (await res.json()) as { error: { code: string; data: { devices: string[]; pairs: { why: string }[] } } };
    expect(error.code).toBe('DEVICES_UNAVAILABLE');
    expect(error.data.devices.sort()).toEqual([fake, honest].sort());
    expect(error.data.pairs[0]!.why).toContain('did not confirm');
  }, 30_000);

  it('names a device whose listener never answers, and refuses a second probe while one runs', async () => {
    const honest = (await startAgent()).deviceId;
    let asked = false;
    const mute = await startFake((m) => void (asked ||= m.type === 'cluster.listen'));
    // The honest device would probe the mute one, which never opens a listener: it is named once its answer times out.
    const first = plan({ devices: [honest, mute], D_PP: 2, D_DP: 1, c_dp_gb: 1, c_pp_gb: 1 });
    await until(() => asked, 'the first probe to ask the mute device for a listener');
    const second = await plan({ devices: [agents[0]!.deviceId, honest], D_PP: 2, D_DP: 1, c_dp_gb: 1, c_pp_gb: 1 });
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ error: { code: 'UNAVAILABLE', message: expect.stringContaining('Too many cluster probes') } });
    const res = await first;
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'DEVICES_UNAVAILABLE', data: { devices: [mute], failures: { [mute]: expect.stringContaining('did not answer') } } } });
  }, 30_000);
});
