/**
 * A load generator of `npm run bench:heartbeats`, run as a child process: derives its share
 * of device keys from the seed, signs their hellos (before the clock starts), opens one
 * authenticated WebSocket session per device and drives heartbeats when told to.
 * Argv: seed, first index, count, chain id, network id.
 */
import { PROTOCOL_VERSION, WS_SIGNED_METHOD } from '@tensorgrid/protocol';
import { signRequest } from '@tensorgrid/sdk';
import { keccak256, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import WebSocket from 'ws';
import type { FromLoad, PhaseReport, ToLoad } from './bench-protocol';
import { runAttacks } from './heartbeat-attacks';

interface Device {
  id: string;
  hello: string;
  socket?: WebSocket;
  /** Last seq sent and last acked. */
  seq: number;
  acked: number;
  sentAt: number;
  waiting: boolean;
  /** The phase the waiting heartbeat was sent in. */
  sentIn: number;
}

const [seed = 'bench', firstArg = '0', countArg = '0', chainArg = '31337', networkId = '0x'] = process.argv.slice(2);
const first = Number(firstArg);
const count = Number(countArg);
const send = (message: FromLoad) => process.send?.(message);

let phaseId = 0;
let running = false;
let mode: 'rate' | 'max' = 'rate';
let current: PhaseReport = emptyReport('');
let url = '';

function emptyReport(phase: string): PhaseReport {
  return { phase, sent: 0, acked: 0, ackedLate: 0, refused: {}, skipped: 0, latenciesMs: [] };
}

const devices: Device[] = [];
const started = performance.now();
for (let i = first; i < first + count; i++) {
  const account = privateKeyToAccount(keccak256(toHex(`${seed}:${i}`)));
  const headers = await signRequest(account, { method: WS_SIGNED_METHOD, path: '/v1/ws', body: '', domain: { chainId: Number(chainArg), networkId: networkId as `0x${string}` } });
  const hello = JSON.stringify({
    type: 'hello', v: PROTOCOL_VERSION, signer: account.address,
    timestamp: Number(headers['x-tg-timestamp']), nonce: headers['x-tg-nonce'], signature: headers['x-tg-signature'],
  });
  devices.push({ id: account.address.toLowerCase(), hello, seq: 0, acked: 0, sentAt: 0, waiting: false, sentIn: 0 });
}
send({ type: 'accounts', addresses: devices.map((d) => d.id), signMs: performance.now() - started });

function beat(d: Device): void {
  d.seq++;
  d.waiting = true;
  d.sentIn = phaseId;
  d.sentAt = performance.now();
  current.sent++;
  d.socket!.send(`{"type":"heartbeat","v":${PROTOCOL_VERSION},"seq":${d.seq}}`);
}

function onMessage(d: Device, text: string): void {
  const m = JSON.parse(text) as { type: string; id?: string; seq?: number; code?: string; lastSeq?: number };
  if (m.type === 'ping') return d.socket!.send(JSON.stringify({ type: 'pong', v: PROTOCOL_VERSION, id: m.id }));
  if (m.type !== 'heartbeat.ack' && m.type !== 'heartbeat.refused') return;
  const inPhase = d.sentIn === phaseId && running;
  d.waiting = false;
  if (m.type === 'heartbeat.ack') {
    d.acked = m.seq!;
    if (inPhase) {
      current.acked++;
      current.latenciesMs.push(Math.round((performance.now() - d.sentAt) * 100) / 100);
    } else current.ackedLate++;
    if (running && mode === 'max') beat(d);
  } else {
    current.refused[m.code ?? '?'] = (current.refused[m.code ?? '?'] ?? 0) + 1;
    if (m.code === 'STALE_SEQUENCE' && m.lastSeq !== undefined) d.seq = m.lastSeq;
  }
}

async function connect(url: string, concurrency: number): Promise<void> {
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const open = (d: Device) =>
    new Promise<void>((resolve) => {
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ws`);
      let settled = false;
      const fail = () => {
        if (settled) return;
        settled = true;
        failed++;
        resolve();
      };
      socket.once('error', fail);
      socket.once('close', fail);
      socket.once('open', () => socket.send(d.hello));
      const onHello = (raw: WebSocket.RawData) => {
        const m = JSON.parse(raw.toString()) as { type: string; id?: string };
        if (m.type === 'ping') return socket.send(JSON.stringify({ type: 'pong', v: PROTOCOL_VERSION, id: m.id }));
        socket.off('message', onHello);
        if (m.type !== 'welcome') {
          socket.terminate();
          return;
        }
        settled = true;
        d.socket = socket;
        socket.removeListener('error', fail);
        socket.removeListener('close', fail);
        socket.on('error', () => undefined);
        // Binary frames are the coordinator's network-throughput probe: a load generator does not answer it.
        socket.on('message', (data, isBinary) => isBinary || onMessage(d, data.toString()));
        resolve();
      };
      socket.on('message', onHello);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < devices.length) await open(devices[next++]!);
    }),
  );
  send({ type: 'connected', sessions: devices.filter((d) => d.socket).length, failed, ms: performance.now() - t0 });
}

async function run(message: Extract<ToLoad, { type: 'run' }>): Promise<void> {
  phaseId++;
  current = emptyReport(message.phase);
  mode = message.mode;
  running = true;
  const live = devices.filter((d) => d.socket);
  const t0 = performance.now();
  const end = t0 + message.seconds * 1000;
  if (mode === 'max') {
    for (const d of live) if (!d.waiting) beat(d);
    await new Promise((r) => setTimeout(r, message.seconds * 1000));
  } else {
    let cursor = 0;
    let due = 0;
    while (performance.now() < end) {
      const target = Math.floor(((performance.now() - t0) / 1000) * message.ratePerS);
      for (; due < target; due++) {
        const d = live[cursor++ % live.length]!;
        if (d.waiting) current.skipped++;
        else beat(d);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  running = false;
  const report = current;
  // Heartbeats still in flight are acked later: wait for them so that the next phase starts clean.
  for (let i = 0; i < 500 && live.some((d) => d.waiting); i++) await new Promise((r) => setTimeout(r, 10));
  send({ type: 'phase', report });
}

process.on('message', (message: ToLoad) => {
  if (message.type === 'connect') {
    url = message.url;
    void connect(message.url, message.concurrency);
  } else if (message.type === 'run') void run(message);
  else if (message.type === 'attack') void runAttacks({ url, devices, newSockets: message.newSockets }).then((report) => send({ type: 'attacked', report }));
  else {
    // The parent kills this process once it has the report.
    for (const d of devices) d.socket?.terminate();
    send({ type: 'seqs', acked: Object.fromEntries(devices.map((d) => [d.id, d.acked])) });
  }
});
