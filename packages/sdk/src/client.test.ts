import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REQUEST_TYPES, healthResponseSchema, isBaseError, requestDomain, type BaseError } from '@tensorgrid/protocol';
import { keccak256, recoverTypedDataAddress, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCoordinatorClient } from './client';

// anvil's first well-known development key
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const HEALTH_CHAIN_ID = 4242;
const NETWORK = `0x${'ab'.repeat(32)}` as const;

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
/** What the fake coordinator answers; undefined leaves the request hanging. */
type Reply = { status: number; body: string } | undefined;

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });
const health = { status: 'ok', version: '0.1.0', chainId: HEALTH_CHAIN_ID, networkId: NETWORK, storage: 'sqlite', uptimeS: 1, time: '2024-01-01T00:00:00.000Z' };
const okSchema = z.object({ ok: z.literal(true) });

let server: Server;
let baseUrl: string;
let received: Received[];
let handler: (req: Received) => Reply;

function defaultHandler(req: Received): Reply {
  if (req.url === '/v1/health') return json(200, health);
  return json(200, { ok: true });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const got = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(got);
      const reply = handler(got);
      if (reply === undefined) return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

beforeEach(() => {
  received = [];
  handler = defaultHandler;
});

async function rejectionOf(promise: Promise<unknown>): Promise<BaseError> {
  try {
    await promise;
  } catch (err) {
    if (isBaseError(err)) return err;
    throw err;
  }
  throw new Error('expected the promise to reject');
}

function recoverSigner(req: Received, chainId: number) {
  return recoverTypedDataAddress({
    domain: requestDomain({ chainId, networkId: NETWORK }),
    types: REQUEST_TYPES,
    primaryType: 'Request',
    message: {
      method: req.method,
      path: req.url,
      bodyHash: keccak256(stringToHex(req.body)),
      timestamp: BigInt(String(req.headers['x-tg-timestamp'])),
      nonce: String(req.headers['x-tg-nonce']) as `0x${string}`,
    },
    signature: String(req.headers['x-tg-signature']) as `0x${string}`,
  });
}

describe('createCoordinatorClient', () => {
  it('sends the JSON body and returns the parsed response', async () => {
    const client = createCoordinatorClient({ url: `${baseUrl}/` });
    const result = await client.request({ method: 'POST', path: '/v1/things', body: { a: 1 }, response: okSchema });
    expect(result).toEqual({ ok: true });
    expect(client.url).toBe(baseUrl);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/v1/things', body: '{"a":1}' });
    expect(received[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends no body and no content type for a GET', async () => {
    const client = createCoordinatorClient({ url: baseUrl });
    await client.request({ method: 'GET', path: '/v1/things', response: okSchema });
    expect(received[0]?.body).toBe('');
    expect(received[0]?.headers['content-type']).toBeUndefined();
  });

  it('rethrows a wire error as the typed BaseError with its code and data', async () => {
    handler = () => json(404, { error: { code: 'DEVICE_NOT_FOUND', message: 'x', data: { id: '1' } } });
    const err = await rejectionOf(createCoordinatorClient({ url: baseUrl }).request({ method: 'GET', path: '/v1/devices/1', response: okSchema }));
    expect(err.code).toBe('DEVICE_NOT_FOUND');
    expect(err.shortMessage).toBe('x');
    expect(err.data).toEqual({ id: '1' });
    expect(err.retryable).toBe(false);
  });

  it('gives INTERNAL for a body that is not JSON', async () => {
    handler = () => ({ status: 502, body: '<html>Bad Gateway</html>' });
    const err = await rejectionOf(createCoordinatorClient({ url: baseUrl }).request({ method: 'GET', path: '/v1/x', response: okSchema }));
    expect(err.code).toBe('INTERNAL');
    expect(err.data).toEqual({ status: 502 });
  });

  it('gives INTERNAL for a failure status without a wire error body', async () => {
    handler = () => json(500, { message: 'oops' });
    const err = await rejectionOf(createCoordinatorClient({ url: baseUrl }).request({ method: 'GET', path: '/v1/x', response: okSchema }));
    expect(err.code).toBe('INTERNAL');
    expect(err.data).toEqual({ status: 500 });
  });

  it('gives a retryable NETWORK_ERROR when nothing listens', async () => {
    const err = await rejectionOf(createCoordinatorClient({ url: 'http://127.0.0.1:9' }).request({ method: 'GET', path: '/v1/x', response: okSchema }));
    expect(err.code).toBe('NETWORK_ERROR');
    expect(err.retryable).toBe(true);
    expect(err.shortMessage).toContain('http://127.0.0.1:9');
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('gives a retryable TIMEOUT when the coordinator never answers', async () => {
    handler = () => undefined;
    const err = await rejectionOf(createCoordinatorClient({ url: baseUrl, timeoutMs: 50 }).request({ method: 'GET', path: '/v1/x', response: okSchema }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.retryable).toBe(true);
  });

  it('gives VALIDATION_FAILED for a response that does not match the schema', async () => {
    handler = () => json(200, { ok: 'yes' });
    const err = await rejectionOf(createCoordinatorClient({ url: baseUrl }).request({ method: 'GET', path: '/v1/x', response: okSchema }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.shortMessage).toContain('response of GET /v1/x');
    expect(err.shortMessage).toContain('ok');
  });

  it('refuses a signed request without an account, before sending anything', async () => {
    const err = await rejectionOf(createCoordinatorClient({ url: baseUrl, domain: { chainId: 1, networkId: NETWORK } }).request({ method: 'POST', path: '/v1/devices', body: {}, signed: true, response: okSchema }));
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(received).toHaveLength(0);
  });

  it('signs a request so that the server can verify it', async () => {
    const client = createCoordinatorClient({ url: baseUrl, account, domain: { chainId: 7, networkId: NETWORK } });
    await client.request({ method: 'POST', path: '/v1/devices?x=1', body: { seq: 1 }, signed: true, response: okSchema });
    const req = received.at(-1);
    if (!req) throw new Error('no request reached the server');
    expect(req.headers['x-tg-signer']).toBe(account.address);
    expect(req.headers['x-tg-timestamp']).toMatch(/^\d+$/);
    expect(req.headers['x-tg-nonce']).toMatch(/^0x[0-9a-f]{64}$/);
    expect(req.headers['x-tg-signature']).toMatch(/^0x[0-9a-f]{130}$/);
    expect(await recoverSigner(req, 7)).toBe(account.address);
    expect(received.some((r) => r.url === '/v1/health')).toBe(false);
  });

  it('signs a GET over the empty body', async () => {
    const client = createCoordinatorClient({ url: baseUrl, account, domain: { chainId: 7, networkId: NETWORK } });
    await client.request({ method: 'GET', path: '/v1/mine', signed: true, response: okSchema });
    const req = received.at(-1);
    if (!req) throw new Error('no request reached the server');
    expect(req.body).toBe('');
    expect(await recoverSigner(req, 7)).toBe(account.address);
  });

  it('does not sign an unsigned request', async () => {
    await createCoordinatorClient({ url: baseUrl, account, domain: { chainId: 7, networkId: NETWORK } }).request({ method: 'GET', path: '/v1/x', response: okSchema });
    expect(received[0]?.headers['x-tg-signature']).toBeUndefined();
  });

  it('lets extra headers override the signature headers', async () => {
    const forged = `0x${'00'.repeat(65)}`;
    await createCoordinatorClient({ url: baseUrl, account, domain: { chainId: 7, networkId: NETWORK } }).request({ method: 'GET', path: '/v1/x', signed: true, headers: { 'x-tg-signature': forged }, response: okSchema });
    expect(received[0]?.headers['x-tg-signature']).toBe(forged);
  });

  it('fetches the chain id from /v1/health once and signs with it', async () => {
    const client = createCoordinatorClient({ url: baseUrl, account });
    expect((await client.signingDomain()).chainId).toBe(HEALTH_CHAIN_ID);
    expect((await client.signingDomain()).chainId).toBe(HEALTH_CHAIN_ID);
    await client.request({ method: 'POST', path: '/v1/a', body: { n: 1 }, signed: true, response: okSchema });
    await client.request({ method: 'POST', path: '/v1/b', body: { n: 2 }, signed: true, response: okSchema });
    expect(received.filter((r) => r.url === '/v1/health')).toHaveLength(1);
    const signed = received.filter((r) => r.url !== '/v1/health');
    expect(signed).toHaveLength(2);
    for (const req of signed) expect(await recoverSigner(req, HEALTH_CHAIN_ID)).toBe(account.address);
  });

  it('shares one /v1/health request between concurrent callers', async () => {
    const client = createCoordinatorClient({ url: baseUrl });
    expect((await Promise.all([client.signingDomain(), client.signingDomain(), client.signingDomain()])).map((d) => d.chainId)).toEqual([HEALTH_CHAIN_ID, HEALTH_CHAIN_ID, HEALTH_CHAIN_ID]);
    expect(received.filter((r) => r.url === '/v1/health')).toHaveLength(1);
  });

  it('uses a given chain id without asking the coordinator', async () => {
    const client = createCoordinatorClient({ url: baseUrl, domain: { chainId: 31337, networkId: NETWORK } });
    expect((await client.signingDomain()).chainId).toBe(31337);
    expect(received).toHaveLength(0);
  });

  it('gives VALIDATION_FAILED when the health response is malformed, and asks again next time', async () => {
    handler = () => json(200, { ...health, chainId: 'one' });
    const client = createCoordinatorClient({ url: baseUrl });
    expect((await rejectionOf(client.signingDomain())).code).toBe('VALIDATION_FAILED');
    handler = defaultHandler;
    expect((await client.signingDomain()).chainId).toBe(HEALTH_CHAIN_ID);
    expect(received.filter((r) => r.url === '/v1/health')).toHaveLength(2);
    expect(healthResponseSchema.safeParse(health).success).toBe(true);
  });
});
