import { BaseError, fromWireError, healthResponseSchema, parseOrThrow, type SigningDomain } from '@tensorgrid/protocol';
import { sha256, type LocalAccount } from 'viem';
import type { z } from 'zod';
import { signRequest } from './sign-request';

/** Options of {@link createCoordinatorClient}. */
export interface CoordinatorClientOptions {
  /** Base URL of the coordinator, e.g. `http://127.0.0.1:7070`. */
  url: string;
  /** The key that signs requests; needed for agent actions only. */
  account?: LocalAccount;
  /** What signatures are bound to; fetched from /v1/health on the first signed request when absent. */
  domain?: SigningDomain;
  /** Per-request timeout in milliseconds. @default 10000 */
  timeoutMs?: number;
}

/** A request through the client. */
export interface ClientRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Sign with the client's account. */
  signed?: boolean;
  /** Schema of the success response. */
  response: S;
  /** Extra headers (tests use this to send forged signatures). */
  headers?: Record<string, string>;
}

/** A typed client of the coordinator API. Create with {@link createCoordinatorClient}. */
export interface CoordinatorClient {
  readonly url: string;
  readonly account: LocalAccount | undefined;
  /** Sends a request; returns the parsed response or throws the typed error the coordinator sent. */
  request<S extends z.ZodType>(req: ClientRequest<S>): Promise<z.output<S>>;
  /** The chain and network signatures are bound to (cached). */
  signingDomain(): Promise<SigningDomain>;
  /** Sends raw bytes and/or reads raw bytes (datasets); returns the response body's bytes, or throws the typed error the coordinator sent. */
  requestBytes(req: BytesRequest): Promise<Uint8Array>;
}

/** A request whose body or response is raw bytes. */
export interface BytesRequest {
  method: 'GET' | 'PUT';
  path: string;
  /** Sent as `application/octet-stream`. */
  body?: Uint8Array;
  /** Sign with the client's account; the signed body is the lowercase hex SHA-256 of the bytes. */
  signed?: boolean;
}

/**
 * Creates a client of the coordinator API.
 * @param options - URL, optional signing account and chain id
 * @example
 * ```ts
 * import { createCoordinatorClient, listDevices } from '@tensorgrid/sdk';
 * const client = createCoordinatorClient({ url: 'http://127.0.0.1:7070' });
 * const { devices } = await listDevices(client, {});
 * ```
 */
export function createCoordinatorClient(options: CoordinatorClientOptions): CoordinatorClient {
  const url = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  let domain: Promise<SigningDomain> | undefined = options.domain === undefined ? undefined : Promise.resolve(options.domain);

  async function fetchOrThrow({ method, path, body, headers }: { method: string; path: string; body?: string | Uint8Array | undefined; headers: Record<string, string> }): Promise<Response> {
    try {
      return await fetch(url + path, { method, headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      throw new BaseError(timedOut ? 'TIMEOUT' : 'NETWORK_ERROR', `Cannot reach the coordinator at ${url}`, {
        cause,
        details: 'Is it running? Start a local network with `npm start`, or pass --coordinator <url>.',
      });
    }
  }

  async function send(req: { method: string; path: string; body?: string | undefined; headers: Record<string, string> }): Promise<unknown> {
    return readJson(await fetchOrThrow(req));
  }

  async function readJson(res: Response): Promise<unknown> {
    const text = await res.text();
    let json: unknown = undefined;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        throw new BaseError('INTERNAL', `The coordinator answered ${res.status} with a body that is not JSON`, { data: { status: res.status } });
      }
    }
    if (!res.ok) {
      throw fromWireError(json) ?? new BaseError('INTERNAL', `The coordinator answered ${res.status} without an error body`, { data: { status: res.status } });
    }
    return json;
  }

  /** The signature headers of a request whose signed body is `body`, with the client's account. */
  async function signatureHeaders(req: { method: string; path: string }, body: string): Promise<Record<string, string>> {
    if (!options.account) {
      throw new BaseError('UNAUTHENTICATED', `${req.method} ${req.path} must be signed, but the client has no account`, { details: 'Create the client with an account (e.g. the CLI\'s --key-file or TG_PRIVATE_KEY).' });
    }
    return signRequest(options.account, { method: req.method, path: req.path, body, domain: await client.signingDomain() });
  }

  const client: CoordinatorClient = {
    url,
    account: options.account,
    signingDomain() {
      // Cache the request itself, so concurrent callers share one fetch; forget a failure.
      domain ??= send({ method: 'GET', path: '/v1/health', headers: {} }).then((body) => {
        const { chainId, networkId } = parseOrThrow(healthResponseSchema, body, 'health response');
        return { chainId, networkId: networkId as `0x${string}` };
      });
      domain.catch(() => (domain = undefined));
      return domain;
    },
    async requestBytes(req) {
      const headers: Record<string, string> = req.body === undefined ? {} : { 'content-type': 'application/octet-stream' };
      // A byte body is signed through its SHA-256 (lowercase hex), which the coordinator recomputes.
      if (req.signed) Object.assign(headers, await signatureHeaders(req, req.body === undefined ? '' : sha256(req.body).slice(2)));
      const res = await fetchOrThrow({ method: req.method, path: req.path, body: req.body, headers });
      if (!res.ok) {
        await readJson(res); // throws the typed error the coordinator sent
        throw new BaseError('INTERNAL', `The coordinator answered ${res.status}`, { data: { status: res.status } });
      }
      return new Uint8Array(await res.arrayBuffer());
    },
    async request(req) {
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
      if (req.signed) Object.assign(headers, await signatureHeaders(req, body ?? ''));
      Object.assign(headers, req.headers);
      return parseOrThrow(req.response, await send({ method: req.method, path: req.path, body, headers }), `response of ${req.method} ${req.path}`);
    },
  };
  return client;
}
