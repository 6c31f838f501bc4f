/**
 * The attack phase of `npm run bench:heartbeats`, run by each load generator after the
 * measured phases: heartbeats replayed on their own authenticated sessions (a sequence
 * number already accepted), heartbeats forged on sessions that never said hello, and
 * heartbeats sent after replaying a device's recorded hello on a new socket. Every one must
 * be refused; any `heartbeat.ack` counts as accepted.
 */
import { PROTOCOL_VERSION } from '@tensorgrid/protocol';
import WebSocket from 'ws';
import type { AttackOutcome, AttackReport } from './bench-protocol';

/** What the attacks need of a load generator's device. */
export interface AttackedDevice {
  hello: string;
  socket?: WebSocket;
  /** The last seq the coordinator acked for it. */
  acked: number;
}

const heartbeat = (seq: number) => `{"type":"heartbeat","v":${PROTOCOL_VERSION},"seq":${seq}}`;

/** Sends one message on a socket and resolves with the first reply that is not a ping (or 'timeout'). */
function firstReply(socket: WebSocket, text: string): Promise<{ type: string; code?: string }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done({ type: 'timeout' }), 10_000);
    const onMessage = (raw: WebSocket.RawData) => {
      const m = JSON.parse(raw.toString()) as { type: string; code?: string; id?: string };
      if (m.type === 'ping') return socket.send(JSON.stringify({ type: 'pong', v: PROTOCOL_VERSION, id: m.id }));
      if (m.type.startsWith('heartbeat') || m.type === 'error' || m.type === 'welcome') done(m);
    };
    const done = (m: { type: string; code?: string }) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(m);
    };
    socket.on('message', onMessage);
    socket.send(text);
  });
}

function tally(outcome: AttackOutcome, reply: { type: string; code?: string }): void {
  outcome.sent++;
  if (reply.type === 'heartbeat.ack') outcome.accepted++;
  else outcome.refused[reply.code ?? reply.type] = (outcome.refused[reply.code ?? reply.type] ?? 0) + 1;
}

const openSocket = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ws`);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });

/**
 * Runs the three attacks.
 * @param input - the coordinator URL, the generator's devices, and how many of them to attack with new sockets
 */
export async function runAttacks(input: { url: string; devices: readonly AttackedDevice[]; newSockets: number }): Promise<AttackReport> {
  const replayed: AttackOutcome = { sent: 0, accepted: 0, refused: {} };
  const forged: AttackOutcome = { sent: 0, accepted: 0, refused: {} };
  const live = input.devices.filter((d) => d.socket && d.acked > 0);
  await Promise.all(live.map(async (d) => tally(replayed, await firstReply(d.socket!, heartbeat(d.acked)))));
  for (const d of input.devices.slice(0, input.newSockets)) {
    const anonymous = await openSocket(input.url);
    tally(forged, await firstReply(anonymous, heartbeat(d.acked + 1_000_000)));
    anonymous.terminate();
    const replayedHello = await openSocket(input.url);
    const answer = await firstReply(replayedHello, d.hello);
    if (answer.type === 'welcome') forged.accepted++;
    tally(forged, await firstReply(replayedHello, heartbeat(d.acked + 1_000_000)));
    replayedHello.terminate();
  }
  return { replayed, forged };
}
