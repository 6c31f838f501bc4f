import { BaseError, PROTOCOL_VERSION } from '@tensorgrid/protocol';
import type { HeartbeatIngest } from '../registry/heartbeat-ingest';
import type { WsFeature } from './ws-feature';

/**
 * `heartbeat` on an authenticated session: recorded for the session's own device (the
 * message names none; see `heartbeat-messages.ts` in the protocol), in a group commit, and
 * answered with `heartbeat.ack` after the commit or `heartbeat.refused` with the reason.
 * A session that has not said hello is refused with UNAUTHENTICATED.
 * @param ingest - the group-committing heartbeat ingest
 */
export function heartbeatFeature(ingest: HeartbeatIngest): WsFeature {
  return {
    handlers: {
      async heartbeat(session, message) {
        const deviceId = session.deviceId;
        if (!deviceId) throw new BaseError('UNAUTHENTICATED', 'Say a signed hello before sending heartbeats', { details: 'Heartbeats speak for the device that opened the session.' });
        const outcome = await ingest.submit({ deviceId, seq: message.seq });
        if (outcome.kind === 'recorded') {
          session.send({ type: 'heartbeat.ack', v: PROTOCOL_VERSION, seq: message.seq, state: outcome.state });
          return;
        }
        const { error } = outcome;
        const lastSeq = error.code === 'STALE_SEQUENCE' && typeof error.data.lastSeq === 'number' ? { lastSeq: error.data.lastSeq } : {};
        session.send({ type: 'heartbeat.refused', v: PROTOCOL_VERSION, seq: message.seq, code: error.code, message: error.shortMessage, ...lastSeq });
      },
    },
    onClose(session) {
      if (session.deviceId) ingest.forget(session.deviceId);
    },
  };
}
