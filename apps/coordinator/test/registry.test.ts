import { DIALECTS, sampleGpu, sampleHardware } from '@tensorgrid/test-utils';
import { createCoordinatorClient, getDevice, listDevices, registerDevice, sendHeartbeat, signOperatorAttestation, signRequest, type CoordinatorClient } from '@tensorgrid/sdk';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';

const newWorker = (url: string): CoordinatorClient => createCoordinatorClient({ url, account: privateKeyToAccount(generatePrivateKey()) });

/** Sends a request with exactly these headers and body, for replays and forgeries. */
async function rawPost(url: string, path: string, signed: { body: string; headers: Record<string, string> }) {
  const { body, headers } = signed;
  const res = await fetch(url + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

describe.each(DIALECTS)('device registry on %s', (kind) => {
  let coord: TestCoordinator;
  beforeAll(async () => {
    coord = await startTestCoordinator(kind);
  });
  afterAll(async () => coord?.close());

  it('registers a worker with a signed request, then refreshes it keeping its state', async () => {
    const worker = newWorker(coord.url);
    const first = await registerDevice(worker, { hardware: sampleHardware([sampleGpu(0), sampleGpu(1)]) });
    expect(first.outcome).toBe('created');
    expect(first.device).toMatchObject({ id: worker.account!.address.toLowerCase(), state: 'pending', gpuModel: 'NVIDIA GeForce RTX 4090', heartbeatSeq: 0, simulated: false, operator: null });
    expect(first.heartbeatIntervalMs).toBe(200);
    await sendHeartbeat(worker, { seq: 1 });
    const again = await registerDevice(worker, { hardware: sampleHardware([sampleGpu(0)]) });
    expect(again.outcome).toBe('refreshed');
    expect(again.device).toMatchObject({ state: 'available', heartbeatSeq: 1 });
    expect(again.device.hardware.gpus).toHaveLength(1);
  });

  it('advances heartbeats and refuses a stale sequence', async () => {
    const worker = newWorker(coord.url);
    await registerDevice(worker, { hardware: sampleHardware() });
    const { device } = await sendHeartbeat(worker, { seq: 5 });
    expect(device).toMatchObject({ state: 'available', heartbeatSeq: 5 });
    expect(device.lastHeartbeatAt).not.toBeNull();
    await expect(sendHeartbeat(worker, { seq: 5 })).rejects.toMatchObject({ code: 'STALE_SEQUENCE', data: { lastSeq: 5 } });
    await expect(sendHeartbeat(worker, { seq: 3 })).rejects.toMatchObject({ code: 'STALE_SEQUENCE' });
    expect((await getDevice(worker, { id: device.id })).heartbeatSeq).toBe(5);
  });

  it('refuses an unsigned registration and registers nothing', async () => {
    const anonymous = createCoordinatorClient({ url: coord.url });
    const before = (await listDevices(anonymous, { limit: 1000 })).devices.length;
    const unsigned = await rawPost(coord.url, '/v1/devices', { body: JSON.stringify({ hardware: sampleHardware() }), headers: {} });
    expect(unsigned).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect((await listDevices(anonymous, { limit: 1000 })).devices.length).toBe(before);
  });

  it('refuses a replayed heartbeat and changes nothing', async () => {
    const worker = newWorker(coord.url);
    await registerDevice(worker, { hardware: sampleHardware() });
    const path = `/v1/devices/${worker.account!.address}/heartbeats`;
    const body = JSON.stringify({ seq: 1 });
    const headers = await signRequest(worker.account!, { method: 'POST', path, body, domain: coord.domain });
    expect((await rawPost(coord.url, path, { body, headers })).status).toBe(200);
    const replay = await rawPost(coord.url, path, { body, headers });
    expect(replay).toMatchObject({ status: 409, body: { error: { code: 'NONCE_REPLAYED' } } });
    expect((await getDevice(worker, { id: worker.account!.address })).heartbeatSeq).toBe(1);
  });

  it('refuses a forged heartbeat (signed by another key, or over another body) and changes nothing', async () => {
    const victim = newWorker(coord.url);
    await registerDevice(victim, { hardware: sampleHardware() });
    const path = `/v1/devices/${victim.account!.address}/heartbeats`;
    const body = JSON.stringify({ seq: 9 });
    const forger = privateKeyToAccount(generatePrivateKey());
    const forged = await signRequest(forger, { method: 'POST', path, body, domain: coord.domain });
    const asVictim = { ...forged, 'x-tg-signer': victim.account!.address };
    expect(await rawPost(coord.url, path, { body, headers: asVictim })).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_INVALID' } } });

    const genuine = await signRequest(victim.account!, { method: 'POST', path, body, domain: coord.domain });
    expect(await rawPost(coord.url, path, { body: JSON.stringify({ seq: 10 }), headers: genuine })).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_INVALID' } } });
    const otherChain = await signRequest(victim.account!, { method: 'POST', path, body, domain: { ...coord.domain, chainId: 1 } });
    expect(await rawPost(coord.url, path, { body, headers: otherChain })).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_INVALID' } } });
    expect((await getDevice(victim, { id: victim.account!.address })).heartbeatSeq).toBe(0);
  });

  it("refuses a heartbeat signed by a foreign device's key", async () => {
    const victim = newWorker(coord.url);
    const other = newWorker(coord.url);
    await registerDevice(victim, { hardware: sampleHardware() });
    await registerDevice(other, { hardware: sampleHardware() });
    const path = `/v1/devices/${victim.account!.address}/heartbeats`;
    const body = JSON.stringify({ seq: 1 });
    const headers = await signRequest(other.account!, { method: 'POST', path, body, domain: coord.domain });
    expect(await rawPost(coord.url, path, { body, headers })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await getDevice(victim, { id: victim.account!.address })).heartbeatSeq).toBe(0);
  });

  it('refuses an expired signature', async () => {
    const worker = newWorker(coord.url);
    await registerDevice(worker, { hardware: sampleHardware() });
    const path = `/v1/devices/${worker.account!.address}/heartbeats`;
    const body = JSON.stringify({ seq: 1 });
    const headers = await signRequest(worker.account!, { method: 'POST', path, body, domain: coord.domain, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(await rawPost(coord.url, path, { body, headers })).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_EXPIRED' } } });
  });

  it('refuses a timestamp too far in the future, a signature moved to another path, and another network', async () => {
    const worker = newWorker(coord.url);
    await registerDevice(worker, { hardware: sampleHardware() });
    const path = `/v1/devices/${worker.account!.address}/heartbeats`;
    const body = JSON.stringify({ seq: 1 });
    const future = await signRequest(worker.account!, { method: 'POST', path, body, domain: coord.domain, timestamp: Math.floor(Date.now() / 1000) + 301 });
    expect(await rawPost(coord.url, path, { body, headers: future })).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_EXPIRED' } } });
    const elsewhere = await signRequest(worker.account!, { method: 'POST', path: '/v1/devices', body, domain: coord.domain });
    expect(await rawPost(coord.url, path, { body, headers: elsewhere })).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_INVALID' } } });
    const otherNetwork = await signRequest(worker.account!, { method: 'POST', path, body, domain: { ...coord.domain, networkId: `0x${'77'.repeat(32)}` } });
    expect(await rawPost(coord.url, path, { body, headers: otherNetwork })).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_INVALID' } } });
    expect((await getDevice(worker, { id: worker.account!.address })).heartbeatSeq).toBe(0);
  });

  it('refuses a replayed registration, keeping the hardware it has', async () => {
    const worker = newWorker(coord.url);
    const body = JSON.stringify({ hardware: sampleHardware([sampleGpu(0)]) });
    const headers = await signRequest(worker.account!, { method: 'POST', path: '/v1/devices', body, domain: coord.domain });
    expect((await rawPost(coord.url, '/v1/devices', { body, headers })).status).toBe(201);
    await registerDevice(worker, { hardware: sampleHardware([sampleGpu(0), sampleGpu(1)]) });
    expect(await rawPost(coord.url, '/v1/devices', { body, headers })).toMatchObject({ status: 409, body: { error: { code: 'NONCE_REPLAYED' } } });
    expect((await getDevice(worker, { id: worker.account!.address })).hardware.gpus).toHaveLength(2);
  });

  it('refuses a body of any other content type, so no body escapes the signature', async () => {
    const worker = newWorker(coord.url);
    await registerDevice(worker, { hardware: sampleHardware() });
    const path = `/v1/devices/${worker.account!.address}/heartbeats`;
    const headers = await signRequest(worker.account!, { method: 'POST', path, body: '', domain: coord.domain });
    const res = await fetch(coord.url + path, { method: 'POST', body: '{"seq":99}', headers: { ...headers, 'content-type': 'text/plain' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await getDevice(worker, { id: worker.account!.address })).heartbeatSeq).toBe(0);
  });

  it('refuses a stale operator attestation', async () => {
    const operator = privateKeyToAccount(generatePrivateKey());
    const worker = newWorker(coord.url);
    const stale = await signOperatorAttestation(operator, { worker: worker.account!.address, domain: coord.domain, issuedAt: Math.floor(Date.now() / 1000) - 3600 });
    await expect(registerDevice(worker, { hardware: sampleHardware(), operator: stale })).rejects.toMatchObject({ code: 'SIGNATURE_EXPIRED' });
    await expect(getDevice(worker, { id: worker.account!.address })).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
  });

  it('refuses two GPU models in one worker, saying why, and registers nothing', async () => {
    const worker = newWorker(coord.url);
    const err = await registerDevice(worker, { hardware: sampleHardware([sampleGpu(0, 'NVIDIA GeForce RTX 4090'), sampleGpu(1, 'NVIDIA GeForce RTX 3090')]) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MIXED_GPU_MODELS', data: { models: ['NVIDIA GeForce RTX 4090', 'NVIDIA GeForce RTX 3090'] } });
    expect((err as Error).message).toContain('One worker serves one GPU model');
    await expect(getDevice(worker, { id: worker.account!.address })).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
  });

  it('refuses an invalid body naming the field, and registers nothing', async () => {
    const worker = newWorker(coord.url);
    const hardware = { ...sampleHardware(), memoryBytes: -1 };
    await expect(registerDevice(worker, { hardware })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('hardware.memoryBytes') });
    await expect(registerDevice(worker, { hardware: { ...sampleHardware(), owner: '0x1' } as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(getDevice(worker, { id: worker.account!.address })).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
  });

  it('records an operator only from its own signed attestation', async () => {
    const operator = privateKeyToAccount(generatePrivateKey());
    const worker = newWorker(coord.url);
    const attestation = await signOperatorAttestation(operator, { worker: worker.account!.address, domain: coord.domain });
    const res = await registerDevice(worker, { hardware: sampleHardware(), operator: attestation });
    expect(res.device.operator).toBe(operator.address.toLowerCase());

    const other = newWorker(coord.url);
    await expect(registerDevice(other, { hardware: sampleHardware(), operator: attestation })).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    const intruder = privateKeyToAccount(generatePrivateKey());
    const takeover = await signOperatorAttestation(intruder, { worker: worker.account!.address, domain: coord.domain });
    await expect(registerDevice(worker, { hardware: sampleHardware(), operator: takeover })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getDevice(worker, { id: worker.account!.address })).operator).toBe(operator.address.toLowerCase());
  });

  it('marks silent devices down after the grace period and brings them back on a heartbeat', async () => {
    const worker = newWorker(coord.url);
    await registerDevice(worker, { hardware: sampleHardware() });
    await sendHeartbeat(worker, { seq: 1 });
    expect(await coord.app.registry.sweepSilent(40_000)).not.toContain(worker.account!.address.toLowerCase());
    coord.advance(41_000);
    expect(await coord.app.registry.sweepSilent(40_000)).toContain(worker.account!.address.toLowerCase());
    expect((await getDevice(worker, { id: worker.account!.address })).state).toBe('down');
    await sendHeartbeat(worker, { seq: 2 });
    expect((await getDevice(worker, { id: worker.account!.address })).state).toBe('available');
    coord.advance(-41_000);
  });

  it('refuses heartbeats of a blocked device', async () => {
    const worker = newWorker(coord.url);
    const { device } = await registerDevice(worker, { hardware: sampleHardware() });
    const { createDeviceStore } = await import('@tensorgrid/db');
    await createDeviceStore(coord.database.db).setDeviceState(device.id, 'blocked', Date.now());
    await expect(sendHeartbeat(worker, { seq: 1 })).rejects.toMatchObject({ code: 'DEVICE_BLOCKED' });
    expect((await registerDevice(worker, { hardware: sampleHardware() })).device.state).toBe('blocked');
  });

  it('lists with filters and pages, and shows one device', async () => {
    const client = createCoordinatorClient({ url: coord.url });
    const all = await listDevices(client, { limit: 1000 });
    expect(all.devices.length).toBeGreaterThanOrEqual(5);
    const firstPage = await listDevices(client, { limit: 2 });
    expect(firstPage.devices).toHaveLength(2);
    const secondPage = await listDevices(client, { limit: 2, after: firstPage.next! });
    expect(secondPage.devices[0]!.id > firstPage.devices[1]!.id).toBe(true);
    const down = await listDevices(client, { state: 'blocked' });
    expect(down.devices.every((d) => d.state === 'blocked')).toBe(true);
    await expect(listDevices(client, { limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(getDevice(client, { id: 'not-an-address' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(getDevice(client, { id: '0x' + '1'.repeat(40) })).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
  });

  it('answers unknown routes, bad JSON and oversized bodies with typed errors', async () => {
    const res = await fetch(`${coord.url}/v1/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const badUrl = await fetch(`${coord.url}/v1/devices/%ZZ`);
    expect(await badUrl.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const plainWs = await fetch(`${coord.url}/v1/ws`);
    expect(plainWs.status).toBe(400);
    expect(await plainWs.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('WebSocket') } });
    expect(await rawPost(coord.url, '/v1/devices', { body: '{bad', headers: {} })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(await rawPost(coord.url, '/v1/devices', { body: JSON.stringify({ pad: 'x'.repeat(2 << 20) }), headers: {} })).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });
});
