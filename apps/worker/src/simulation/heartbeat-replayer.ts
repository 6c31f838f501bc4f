import { sendHeartbeat, signRequest, type CoordinatorClient } from '@tensorgrid/sdk';
import { isBaseError } from '@tensorgrid/protocol';
import type { Logger } from 'pino';

/** What the replayer saw: every replay should be refused. */
export interface ReplayTally {
  sent: number;
  accepted: number;
  refusals: Record<string, number>;
}

/**
 * The `heartbeat-replay` adversary: alongside its honest agent it replays heartbeats, both a
 * freshly signed one with an old sequence number and a byte-identical copy of a signed
 * request it already sent. The coordinator must refuse every one (STALE_SEQUENCE,
 * NONCE_REPLAYED); an accepted replay is logged as an error.
 * @param client - the device's own client (its key)
 * @param options - period and logger
 * @returns stop, and the tally so far
 */
export function startHeartbeatReplayer(client: CoordinatorClient, options: { periodMs: number; log: Logger }): { stop: () => void; tally: ReplayTally } {
  const tally: ReplayTally = { sent: 0, accepted: 0, refusals: {} };
  const refused = (code: string) => void (tally.refusals[code] = (tally.refusals[code] ?? 0) + 1);
  let captured: { headers: Record<string, string>; body: string } | undefined;

  async function replay(): Promise<void> {
    tally.sent++;
    try {
      await sendHeartbeat(client, { seq: 1, uptimeS: 1 });
      tally.accepted++;
      options.log.error({ deviceId: client.account?.address }, 'a replayed heartbeat was accepted');
    } catch (err) {
      refused(isBaseError(err) ? err.code : 'ERROR');
    }
    const account = client.account!;
    const path = `/v1/devices/${account.address}/heartbeats`;
    if (!captured) {
      const body = JSON.stringify({ seq: 1, uptimeS: 1 });
      captured = { body, headers: { ...(await signRequest(account, { method: 'POST', path, body, domain: await client.signingDomain() })), 'content-type': 'application/json' } };
    }
    tally.sent++;
    const res = await fetch(`${client.url}${path}`, { method: 'POST', headers: captured.headers, body: captured.body }).catch(() => undefined);
    if (!res) return;
    if (res.ok) {
      tally.accepted++;
      options.log.error({ deviceId: account.address }, 'a byte-identical replayed heartbeat was accepted');
    } else {
      refused(((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code ?? String(res.status));
    }
  }

  const timer = setInterval(() => void replay().catch((err: unknown) => options.log.warn({ err }, 'replay failed')), options.periodMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tally };
}
