import type { DeviceStore } from '@tensorgrid/domain';
import { PROTOCOL_VERSION, type ServerMessage } from '@tensorgrid/protocol';
import { createCoordinatorClient, createSessionHeartbeats, getDevice, openSession, registerDevice, sendHeartbeat, type CoordinatorClient, type Session } from '@tensorgrid/sdk';
import { sampleHardware, startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A registered device with an authenticated session that records every message it gets. */
async function connectDevice(url: string): Promise<{ client: CoordinatorClient; session: Session; received: ServerMessage[]; id: string }> {
  const client = createCoordinatorClient({ url, account: privateKeyToAccount(generatePrivateKey()) });
  await registerDevice(client, { hardware: sampleHardware() });
  const received: ServerMessage[] = [];
  const session = await openSession(client, { onMessage: (m) => received.push(m) });
  return { client, session, received, id: client.account!.address.toLowerCase() };
}

async function nextAnswer(received: ServerMessage[], count = 1): Promise<ServerMessage[]> {
  const answers = () => received.filter((m) => m.type === 'heartbeat.ack' || m.type === 'heartbeat.refused' || m.type === 'error');
  for (let i = 0; i < 500 && answers().length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return answers();
}

const heartbeat = (seq: number) => ({ type: 'heartbeat', v: PROTOCOL_VERSION, seq }) as const;

describe('heartbeats over an authenticated WebSocket session', () => {
  let coord: TestCoordinator;
  let failStore = false;
  beforeAll(async () => {
    const wrapDevices = (store: DeviceStore): DeviceStore => ({
      ...store,
      recordHeartbeats: async (batch) => {
        if (failStore) throw new Error('disk full');
        return store.recordHeartbeats(batch);
      },
    });
    coord = await startTestCoordinator('sqlite', { wrapDevices });
  });
  afterAll(async () => coord?.close());

  it('records the heartbeat for the session device and acks it after the commit', async () => {
    const { client, session, received, id } = await connectDevice(coord.url);
    session.send(heartbeat(1));
    expect(await nextAnswer(received)).toEqual([{ type: 'heartbeat.ack', v: PROTOCOL_VERSION, seq: 1, state: 'available' }]);
    expect(await getDevice(client, { id })).toMatchObject({ state: 'available', heartbeatSeq: 1 });
    await session.close();
  });

  it('refuses a replayed sequence, over WS or after HTTP, and changes nothing', async () => {
    const { client, session, received, id } = await connectDevice(coord.url);
    session.send(heartbeat(5));
    await nextAnswer(received);
    const before = await getDevice(client, { id });
    session.send(heartbeat(5));
    session.send(heartbeat(3));
    await nextAnswer(received, 3);
    await sendHeartbeat(client, { seq: 6 });
    session.send(heartbeat(6));
    const answers = (await nextAnswer(received, 4)).slice(1);
    expect(answers).toEqual([
      expect.objectContaining({ type: 'heartbeat.refused', seq: 5, code: 'STALE_SEQUENCE', lastSeq: 5 }),
      expect.objectContaining({ type: 'heartbeat.refused', seq: 3, code: 'STALE_SEQUENCE', lastSeq: 5 }),
      expect.objectContaining({ type: 'heartbeat.refused', seq: 6, code: 'STALE_SEQUENCE', lastSeq: 6 }),
    ]);
    expect(answers.filter((m) => m.type === 'heartbeat.ack')).toHaveLength(0);
    const after = await getDevice(client, { id });
    expect(after.heartbeatSeq).toBe(6);
    expect(before.heartbeatSeq).toBe(5);
    await session.close();
  });

  it('refuses a heartbeat on a session that did not say hello', async () => {
    const { client, session: own, id } = await connectDevice(coord.url);
    await own.close();
    const received: ServerMessage[] = [];
    const anonymous = await openSession(createCoordinatorClient({ url: coord.url }), { onMessage: (m) => received.push(m) });
    anonymous.send(heartbeat(1));
    expect(await nextAnswer(received)).toEqual([expect.objectContaining({ type: 'error', code: 'UNAUTHENTICATED' })]);
    expect(await getDevice(client, { id })).toMatchObject({ state: 'pending', heartbeatSeq: 0, lastHeartbeatAt: null });
    await anonymous.close();
  });

  it('cannot speak for another device: a named device is refused, a copied heartbeat counts for the session only', async () => {
    const a = await connectDevice(coord.url);
    const b = await connectDevice(coord.url);
    (a.session.send as (m: unknown) => void)({ ...heartbeat(1), deviceId: b.id });
    expect(await nextAnswer(a.received)).toEqual([expect.objectContaining({ type: 'error', code: 'VALIDATION_FAILED' })]);
    // B's heartbeat, captured and sent again on A's session, is a heartbeat of A.
    b.session.send(heartbeat(7));
    await nextAnswer(b.received);
    a.session.send(heartbeat(7));
    expect((await nextAnswer(a.received, 2))[1]).toMatchObject({ type: 'heartbeat.ack', seq: 7 });
    expect(await getDevice(a.client, { id: b.id })).toMatchObject({ heartbeatSeq: 7 });
    expect(await getDevice(a.client, { id: a.id })).toMatchObject({ heartbeatSeq: 7 });
    b.session.send(heartbeat(7));
    expect((await nextAnswer(b.received, 2))[1]).toMatchObject({ type: 'heartbeat.refused', code: 'STALE_SEQUENCE' });
    await a.session.close();
    await b.session.close();
  });

  it('refuses heartbeats of a blocked device', async () => {
    const { session, received, id } = await connectDevice(coord.url);
    await coord.app.registry.get(id);
    const store = (await import('@tensorgrid/db')).createDeviceStore(coord.database.db);
    await store.setDeviceState(id, 'blocked', Date.now());
    session.send(heartbeat(1));
    expect(await nextAnswer(received)).toEqual([expect.objectContaining({ type: 'heartbeat.refused', code: 'DEVICE_BLOCKED' })]);
    expect(await store.getDevice(id)).toMatchObject({ state: 'blocked', heartbeatSeq: 0 });
    await session.close();
  });

  it('decides on the store, not the cache, when another writer changed the device', async () => {
    const { session, received, id } = await connectDevice(coord.url);
    const store = (await import('@tensorgrid/db')).createDeviceStore(coord.database.db);
    session.send(heartbeat(1));
    await nextAnswer(received);
    await store.setDeviceState(id, 'down', Date.now());
    session.send(heartbeat(2));
    expect((await nextAnswer(received, 2))[1]).toMatchObject({ type: 'heartbeat.ack', seq: 2, state: 'available' });
    await store.setDeviceState(id, 'blocked', Date.now());
    session.send(heartbeat(3));
    expect((await nextAnswer(received, 3))[2]).toMatchObject({ type: 'heartbeat.refused', seq: 3, code: 'DEVICE_BLOCKED' });
    expect(await store.getDevice(id)).toMatchObject({ state: 'blocked', heartbeatSeq: 2 });
    await session.close();
  });

  it('group commit: every acked heartbeat of many pipelined sessions is in the store', async () => {
    const devices = await Promise.all(Array.from({ length: 20 }, () => connectDevice(coord.url)));
    for (let seq = 1; seq <= 15; seq++) for (const d of devices) d.session.send(heartbeat(seq));
    for (const d of devices) {
      const answers = await nextAnswer(d.received, 15);
      const acked = answers.filter((m) => m.type === 'heartbeat.ack').map((m) => (m.type === 'heartbeat.ack' ? m.seq : 0));
      expect(acked).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(await getDevice(d.client, { id: d.id })).toMatchObject({ heartbeatSeq: 15 });
    }
    expect(coord.app.heartbeats.stats().recorded).toBeGreaterThanOrEqual(300);
    await Promise.all(devices.map((d) => d.session.close()));
  });

  it('acks nothing when the store fails, and the next heartbeat goes through once it recovers', async () => {
    const { client, session, received, id } = await connectDevice(coord.url);
    failStore = true;
    try {
      session.send(heartbeat(1));
      expect(await nextAnswer(received)).toEqual([expect.objectContaining({ type: 'heartbeat.refused', seq: 1, code: 'UNAVAILABLE' })]);
      expect(await getDevice(client, { id })).toMatchObject({ heartbeatSeq: 0 });
    } finally {
      failStore = false;
    }
    session.send(heartbeat(1));
    expect((await nextAnswer(received, 2))[1]).toMatchObject({ type: 'heartbeat.ack', seq: 1 });
    await session.close();
  });

  it('the SDK channel resolves acks and rejects refusals with the typed error', async () => {
    const client = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    await registerDevice(client, { hardware: sampleHardware() });
    const beats = createSessionHeartbeats();
    const session = await openSession(client, { onMessage: (m) => void beats.onMessage(m) });
    await expect(beats.send(session, { seq: 2 })).resolves.toEqual({ seq: 2, state: 'available' });
    await expect(beats.send(session, { seq: 2 })).rejects.toMatchObject({ code: 'STALE_SEQUENCE', data: { lastSeq: 2 } });
    await session.close();
  });
});
