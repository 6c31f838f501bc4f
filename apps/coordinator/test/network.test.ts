import { createDeviceNetworkStore } from '@tensorgrid/db';
import { connectivityTier } from '@tensorgrid/domain';
import { PROTOCOL_VERSION, type ServerMessage } from '@tensorgrid/protocol';
import { answerNetworkProbe, createCoordinatorClient, getExplorerDevice, openSession, registerDevice, sendHeartbeat, signRequest } from '@tensorgrid/sdk';
import { sampleHardware, startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const SCALE = 0.01;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in time');
}

describe('network measurement over real sessions (SQLite)', () => {
  let coord: TestCoordinator;
  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite', { networkScale: SCALE, probeFirstDelayMs: 20, pingIntervalMs: 50 });
  });
  afterAll(async () => coord?.close());

  async function device() {
    const account = privateKeyToAccount(generatePrivateKey());
    const worker = createCoordinatorClient({ url: coord.url, account });
    await registerDevice(worker, { hardware: sampleHardware() });
    await sendHeartbeat(worker, { seq: 1 });
    return { account, worker, id: account.address.toLowerCase() };
  }

  it('measures download, upload and latency of an honest device and assigns the tier they reach', async () => {
    const { worker, id } = await device();
    const session = await openSession(worker);
    const network = createDeviceNetworkStore(coord.database.db);
    const measured = await until(() => network.getNetwork(id), (n) => n.throughput !== null && n.latency !== null);
    await session.close();
    const t = measured.throughput!;
    expect(t.downMBps).toBeGreaterThan(0);
    expect(t.upMBps).toBeGreaterThan(0);
    // Whatever this machine's speed, the stored tier is the one the measured speeds reach.
    expect(t.tier).toBe(connectivityTier(t, SCALE));
    expect(measured.latency!.medianMs).toBeGreaterThanOrEqual(0);
    const shown = await getExplorerDevice(createCoordinatorClient({ url: coord.url }), { id });
    expect(shown.tier).toBe(t.tier);
    expect(shown.network.throughput).toMatchObject({ downMBps: t.downMBps, upMBps: t.upMBps });
  });

  it('stores a device that fakes its answers as unranked at 0 MB/s', async () => {
    const { account, id } = await device();
    const headers = await signRequest(account, { method: 'WS', path: '/v1/ws', body: '', domain: coord.domain });
    const socket = new WebSocket(`${coord.url.replace('http', 'ws')}/v1/ws`);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as ServerMessage;
      if (m.type === 'ping') socket.send(JSON.stringify({ type: 'pong', v: PROTOCOL_VERSION, id: m.id }));
      // A cheat acks without hashing what it received.
      if (m.type === 'net.probe') socket.send(JSON.stringify({ type: 'net.probe.ack', v: PROTOCOL_VERSION, id: m.id, sha256: '0'.repeat(64) }));
    });
    socket.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, signer: account.address, timestamp: Number(headers['x-tg-timestamp']), nonce: headers['x-tg-nonce'], signature: headers['x-tg-signature'] }));
    const network = createDeviceNetworkStore(coord.database.db);
    const measured = await until(() => network.getNetwork(id), (n) => n.throughput !== null);
    socket.close();
    expect(measured.throughput).toMatchObject({ downMBps: 0, upMBps: 0, tier: 'unranked' });
  });

  it('refuses an upload of the wrong size', async () => {
    const { account, id } = await device();
    const headers = await signRequest(account, { method: 'WS', path: '/v1/ws', body: '', domain: coord.domain });
    const socket = new WebSocket(`${coord.url.replace('http', 'ws')}/v1/ws`);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as ServerMessage;
      if (m.type === 'net.probe') socket.send(JSON.stringify(answerNetworkProbe(m)));
      // Sends half of what was asked, correctly hashed.
      if (m.type === 'net.upload') socket.send(JSON.stringify(answerNetworkProbe({ ...m, bytes: Math.ceil(m.bytes / 2) })));
    });
    socket.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, signer: account.address, timestamp: Number(headers['x-tg-timestamp']), nonce: headers['x-tg-nonce'], signature: headers['x-tg-signature'] }));
    const network = createDeviceNetworkStore(coord.database.db);
    const measured = await until(() => network.getNetwork(id), (n) => n.throughput !== null);
    socket.close();
    expect(measured.throughput).toMatchObject({ downMBps: 0, upMBps: 0, tier: 'unranked' });
  });
});
