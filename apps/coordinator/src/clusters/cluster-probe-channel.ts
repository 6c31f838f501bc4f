import { BaseError, type ClientMessage, type ServerMessage } from '@tensorgrid/protocol';
import type { WsFeature, WsSessionContext } from '../ws/ws-feature';

/** A device's answer in a cluster probe. */
export type ClusterAnswer = Extract<ClientMessage, { type: 'cluster.listening' | 'cluster.failed' | 'cluster.probed' | 'cluster.closed' }>;
/** A coordinator request in a cluster probe. */
export type ClusterRequest = Extract<ServerMessage, { type: 'cluster.listen' | 'cluster.probe' | 'cluster.close' }>;

/** The coordinator's line to the devices of a cluster probe. */
export interface ClusterProbeChannel {
  feature: WsFeature;
  /** The address the device's session comes from, or undefined when it has no session open. */
  hostOf(deviceId: string): string | undefined;
  /**
   * Sends a request to the device's session and waits for its answer to it (the answer with
   * the same probe id from the same session).
   * @throws {BaseError} DEVICES_UNAVAILABLE when it has no session, or the session closes; TIMEOUT
   */
  ask(deviceId: string, request: ClusterRequest, timeoutMs: number): Promise<ClusterAnswer>;
}

interface Pending {
  session: WsSessionContext;
  settle(result: { ok: true; answer: ClusterAnswer } | { ok: false; error: BaseError }): void;
}

/**
 * The WebSocket side of cluster probes: it tracks each device's authenticated session (and
 * the address it comes from, which is where its peers will find its probe listener), sends
 * requests and pairs each answer with the request waiting for it. An answer nobody waits for
 * is refused; a closed session fails what waits on it.
 */
export function clusterProbeChannel(): ClusterProbeChannel {
  const sessions = new Map<string, WsSessionContext>();
  const pending = new Map<string, Pending>();
  const key = (id: string, deviceId: string) => `${id}|${deviceId}`;
  const unavailable = (deviceId: string, why: string) => new BaseError('DEVICES_UNAVAILABLE', `Device ${deviceId} ${why}`, { data: { devices: [deviceId] } });

  function answer(session: WsSessionContext, message: ClusterAnswer): void {
    const waiting = session.deviceId ? pending.get(key(message.id, session.deviceId)) : undefined;
    if (!waiting || waiting.session !== session) throw new BaseError('VALIDATION_FAILED', `No cluster probe ${message.id} is waiting for this answer`);
    waiting.settle({ ok: true, answer: message });
  }

  return {
    feature: {
      handlers: { 'cluster.listening': answer, 'cluster.failed': answer, 'cluster.probed': answer, 'cluster.closed': answer },
      onAuthenticated(session) {
        if (session.deviceId) sessions.set(session.deviceId, session);
      },
      onClose(session) {
        if (session.deviceId && sessions.get(session.deviceId) === session) sessions.delete(session.deviceId);
        for (const p of pending.values()) if (p.session === session) p.settle({ ok: false, error: unavailable(session.deviceId ?? '?', 'disconnected during the cluster probe') });
      },
    },
    hostOf(deviceId) {
      const session = sessions.get(deviceId.toLowerCase());
      return session ? (session.remoteAddress ?? undefined) : undefined;
    },
    ask(deviceId, request, timeoutMs) {
      const id = deviceId.toLowerCase();
      const session = sessions.get(id);
      if (!session) return Promise.reject(unavailable(id, 'has no open session'));
      const k = key(request.id, id);
      if (pending.has(k)) return Promise.reject(new BaseError('INTERNAL', `A cluster probe request to ${id} is already waiting`));
      return new Promise<ClusterAnswer>((resolve, reject) => {
        const timer = setTimeout(() => settle({ ok: false, error: new BaseError('TIMEOUT', `Device ${id} did not answer ${request.type} in ${timeoutMs} ms`, { data: { devices: [id] } }) }), timeoutMs);
        const settle: Pending['settle'] = (result) => {
          clearTimeout(timer);
          pending.delete(k);
          if (result.ok) resolve(result.answer);
          else reject(result.error);
        };
        pending.set(k, { session, settle });
        session.send(request);
      });
    },
  };
}
