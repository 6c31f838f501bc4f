import { PROTOCOL_VERSION, type ServerMessage } from '@tensorgrid/protocol';
import { createCoordinatorClient, openSession, registerDevice, sendHeartbeat, signRequest } from '@tensorgrid/sdk';
import { sampleHardware } from '@tensorgrid/test-utils';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';

/**
 * Opens a raw socket and collects what the coordinator sends. `next({ skipPings: true })`
 * passes over pings: every open socket is pinged on the interval, so a ping may arrive
 * before the answer to a hello that took longer than one interval (a loaded machine).
 */
async function rawSocket(url: string) {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/ws`);
  const received: ServerMessage[] = [];
  socket.on('message', (raw) => received.push(JSON.parse(raw.toString()) as ServerMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  const next = async (options: { skipPings?: boolean } = {}): Promise<ServerMessage> => {
    for (;;) {
      for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const message = received.shift();
      if (!message) throw new Error('no message from the coordinator');
      if (!(options.skipPings && message.type === 'ping')) return message;
    }
  };
  return { socket, next };
}

describe('WebSocket gateway', () => {
  let coord: TestCoordinator;
  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite', { pingIntervalMs: 100 });
  });
  afterAll(async () => coord?.close());

  it('welcomes a registered device that says a signed hello', async () => {
    const worker = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    await registerDevice(worker, { hardware: sampleHardware() });
    const session = await openSession(worker);
    expect(session.deviceId).toBe(worker.account!.address.toLowerCase());
    await session.close();
  });

  it('refuses a hello from an unregistered key', async () => {
    const stranger = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    await expect(openSession(stranger)).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
  });

  it('pings an authenticated session and refuses a replay of its hello', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    await registerDevice(createCoordinatorClient({ url: coord.url, account }), { hardware: sampleHardware() });
    const headers = await signRequest(account, { method: 'WS', path: '/v1/ws', body: '', domain: coord.domain });
    const hello = JSON.stringify({
      type: 'hello', v: PROTOCOL_VERSION, signer: account.address,
      timestamp: Number(headers['x-tg-timestamp']), nonce: headers['x-tg-nonce'], signature: headers['x-tg-signature'],
    });
    const first = await rawSocket(coord.url);
    first.socket.send(hello);
    expect(await first.next({ skipPings: true })).toMatchObject({ type: 'welcome' });
    expect(await first.next()).toMatchObject({ type: 'ping' });
    const second = await rawSocket(coord.url);
    second.socket.send(hello);
    expect(await second.next({ skipPings: true })).toMatchObject({ type: 'error', code: 'NONCE_REPLAYED' });
    first.socket.close();
    second.socket.close();
  });

  it('closes a session that stops answering pings', async () => {
    const { socket } = await rawSocket(coord.url);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await closed;
    expect(socket.readyState).toBe(WebSocket.CLOSED);
  });

  it('answers an invalid message with a typed error and keeps the socket open', async () => {
    const { socket, next } = await rawSocket(coord.url);
    socket.send('not json');
    expect(await next({ skipPings: true })).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    socket.send(JSON.stringify({ type: 'launch-missiles', v: 1 }));
    expect(await next({ skipPings: true })).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it('streams device changes to subscribers', async () => {
    const watcher = createCoordinatorClient({ url: coord.url });
    const updates: ServerMessage[] = [];
    const session = await openSession(watcher, { onMessage: (m) => updates.push(m) });
    session.send({ type: 'subscribe', v: PROTOCOL_VERSION, topic: 'devices' });
    for (let i = 0; i < 300 && !updates.some((m) => m.type === 'subscribed'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(updates).toContainEqual({ type: 'subscribed', v: PROTOCOL_VERSION, topic: 'devices' });
    const worker = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    await registerDevice(worker, { hardware: sampleHardware() });
    await sendHeartbeat(worker, { seq: 1 });
    for (let i = 0; i < 100 && updates.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await session.close();
    const states = updates.filter((m) => m.type === 'device.updated').map((m) => (m.type === 'device.updated' ? m.device.state : null));
    expect(states).toEqual(['pending', 'available']);
  });
});
