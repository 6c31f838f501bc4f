import { createDeviceNetworkStore } from '@tensorgrid/db';
import { connectivityTier } from '@tensorgrid/domain';
import { PROTOCOL_VERSION, type ServerMessage } from '@tensorgrid/protocol';
import { createCoordinatorClient, createNetworkProbeResponder, getExplorerDevice, openSession, registerDevice, sendHeartbeat, signRequest } from '@tensorgrid/sdk';
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
    // A ping waits behind a download's frames: the ping period leaves room for the largest transfer (5.4 MB at this scale).
    coord = await startTestCoordinator('sqlite', { networkScale: SCALE, probeFirstDelayMs: 20, pingIntervalMs: 1000 });
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

  /** A raw authenticated socket; `onMessage` sees the coordinator's JSON messages (binary ones are passed as a Buffer). */
  async function rawSession(account: ReturnType<typeof privateKeyToAccount>, onMessage: (socket: WebSocket, m: ServerMessage | Buffer) => void, options: WebSocket.ClientOptions = {}) {
    const headers = await signRequest(account, { method: 'WS', path: '/v1/ws', body: '', domain: coord.domain });
    const socket = new WebSocket(`${coord.url.replace('http', 'ws')}/v1/ws`, options);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const welcomed = new Promise<void>((resolve) => {
      socket.on('message', (raw, isBinary) => {
        if (isBinary) return onMessage(socket, raw as Buffer);
        const m = JSON.parse(raw.toString()) as ServerMessage;
        if (m.type === 'welcome') resolve();
        if (m.type === 'ping') socket.send(JSON.stringify({ type: 'pong', v: PROTOCOL_VERSION, id: m.id }));
        onMessage(socket, m);
      });
    });
    socket.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, signer: account.address, timestamp: Number(headers['x-tg-timestamp']), nonce: headers['x-tg-nonce'], signature: headers['x-tg-signature'] }));
    await welcomed;
    return { socket, closed };
  }

  it('stores a device that acks a download with a wrong hash as unranked at 0 MB/s', async () => {
    const { account, id } = await device();
    // A cheat acks at once, without waiting for (or hashing) the bytes.
    const { socket } = await rawSession(account, (s, m) => {
      if (!Buffer.isBuffer(m) && m.type === 'net.probe') s.send(JSON.stringify({ type: 'net.probe.ack', v: PROTOCOL_VERSION, id: m.id, sha256: Array(m.chunks).fill('0'.repeat(64)) }));
    });
    const network = createDeviceNetworkStore(coord.database.db);
    const measured = await until(() => network.getNetwork(id), (n) => n.throughput !== null);
    socket.close();
    expect(measured.throughput).toMatchObject({ downMBps: 0, upMBps: 0, tier: 'unranked' });
  });

  it('refuses an upload of frames of the wrong size', async () => {
    const { account, id } = await device();
    let answer: ReturnType<typeof createNetworkProbeResponder> | undefined;
    const { socket } = await rawSession(account, (s, m) => {
      answer ??= createNetworkProbeResponder({
        sendJson: (reply) => s.send(JSON.stringify(reply)),
        sendBinary: (data) => new Promise((resolve, reject) => s.send(data, { binary: true }, (err) => (err ? reject(err) : resolve()))),
      });
      if (Buffer.isBuffer(m)) return answer.onBinary(m);
      // Sends frames half the asked size, of the right keystream.
      answer.onMessage(m.type === 'net.upload' ? { ...m, chunkBytes: Math.ceil(m.chunkBytes / 2) } : m);
    });
    const network = createDeviceNetworkStore(coord.database.db);
    const measured = await until(() => network.getNetwork(id), (n) => n.throughput !== null);
    socket.close();
    expect(measured.throughput).toMatchObject({ downMBps: 0, upMBps: 0, tier: 'unranked' });
  });

  it('closes a session that sends binary messages nobody asked for, and one that sends more than a message may hold', async () => {
    const { account } = await device();
    const refused: string[] = [];
    const unasked = await rawSession(account, (_s, m) => !Buffer.isBuffer(m) && m.type === 'error' && refused.push(m.code));
    unasked.socket.send(Buffer.alloc(64), { binary: true });
    expect(await unasked.closed).toBe(1008);
    expect(refused).toEqual(['VALIDATION_FAILED']);

    // Anonymous sessions take no binary messages at all.
    const anonymous = new WebSocket(`${coord.url.replace('http', 'ws')}/v1/ws`);
    await new Promise((resolve) => anonymous.once('open', resolve));
    const anonymousClosed = new Promise<number>((resolve) => anonymous.once('close', (code) => resolve(code)));
    anonymous.send(Buffer.alloc(64), { binary: true });
    expect(await anonymousClosed).toBe(1008);

    // One message over the server's limit (1 MiB) is cut off while it arrives, never buffered whole.
    const flood = await rawSession((await device()).account, () => undefined);
    flood.socket.send(Buffer.alloc(2 << 20), { binary: true });
    expect(await flood.closed).toBe(1009);
  });

  it('never agrees to compress: the measurement times bytes on the wire', async () => {
    const { account } = await device();
    const { socket } = await rawSession(account, () => undefined, { perMessageDeflate: true });
    expect(socket.extensions).toBe('');
    socket.close();
  });
});
