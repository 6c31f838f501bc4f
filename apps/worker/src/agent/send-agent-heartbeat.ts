import { isBaseError, type Device } from '@tensorgrid/protocol';
import { sendHeartbeat, type CoordinatorClient, type Session, type SessionHeartbeats } from '@tensorgrid/sdk';
import type { Logger } from 'pino';

/** Where an agent's heartbeat can go. */
export interface AgentHeartbeatRoute {
  client: CoordinatorClient;
  /** The open authenticated session, if any. */
  session: Session | undefined;
  beats: SessionHeartbeats;
  log: Logger;
}

/**
 * Sends one heartbeat over the open session (cheap for the coordinator: no signature per
 * message), and over signed HTTP when no session is open or the session could not deliver it
 * (closed, no ack in time, or a retryable refusal such as a store failure). A refusal that a
 * retry cannot fix (STALE_SEQUENCE, DEVICE_BLOCKED, DEVICE_NOT_FOUND) is thrown as is.
 * @param route - client, session and its heartbeat channel, logger
 * @param beat - the sequence number, uptime and how long to wait for the session's ack
 * @returns the device when the heartbeat went over HTTP (which returns it), else undefined
 */
export async function sendAgentHeartbeat(route: AgentHeartbeatRoute, beat: { seq: number; uptimeS: number; ackTimeoutMs: number }): Promise<Device | undefined> {
  if (route.session) {
    try {
      await route.beats.send(route.session, { seq: beat.seq, uptimeS: beat.uptimeS, timeoutMs: beat.ackTimeoutMs });
      return undefined;
    } catch (err) {
      if (!isBaseError(err) || !(err.retryable || err.code === 'NETWORK_ERROR' || err.code === 'TIMEOUT')) throw err;
      route.log.warn({ code: err.code, seq: beat.seq }, `session heartbeat failed, sending it over HTTP: ${err.shortMessage}`);
    }
  }
  const { device } = await sendHeartbeat(route.client, { seq: beat.seq, uptimeS: beat.uptimeS });
  return device;
}
