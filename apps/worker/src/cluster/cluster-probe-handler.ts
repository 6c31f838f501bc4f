import { PROTOCOL_VERSION, isBaseError, type ClientMessage, type ClusterPeerResult, type ServerMessage } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import { probePeer, type EmulatedLink } from './probe-peer';
import { startProbeListener, type ProbeListener } from './probe-listener';

/** What the handler needs: a way to send on the current session, and options. */
export interface ClusterProbeHandlerDeps {
  send: (message: ClientMessage) => void;
  log: Logger;
  /** Interface the probe listener binds. @default all interfaces */
  listenHost?: string;
  /** Simulated devices only: the emulated link to a peer (none: measure the real one). */
  emulate?: (peerDeviceId: string) => EmulatedLink | undefined;
  /** Listeners open at once; a further `cluster.listen` is refused. @default 4 */
  maxListeners?: number;
}

/** Handles cluster probe messages from the coordinator; see {@link createClusterProbeHandler}. */
export interface ClusterProbeHandler {
  /** Feeds a server message; returns true when it was a cluster probe message. */
  onMessage(message: ServerMessage): boolean;
  /** Closes every listener (session closed, agent stopping). */
  releaseAll(): Promise<void>;
}

/**
 * The worker's side of a cluster probe (see `cluster-probe-messages.ts`): `cluster.listen`
 * opens a probe listener for the coordinator's tokens and answers its port; `cluster.probe`
 * measures each peer in turn (one at a time, so that the device's own transfers do not
 * share its link) and answers the results; `cluster.close` closes the listener and answers
 * its receipts. A listener closes by itself at its time limit too.
 * @param deps - the session's send, a logger and options
 */
export function createClusterProbeHandler(deps: ClusterProbeHandlerDeps): ClusterProbeHandler {
  const listeners = new Map<string, Promise<ProbeListener | undefined>>();
  const probing = new Set<string>();
  const v = PROTOCOL_VERSION;

  function listen(message: Extract<ServerMessage, { type: 'cluster.listen' }>): void {
    if (listeners.has(message.id) || listeners.size >= (deps.maxListeners ?? 4)) {
      deps.send({ type: 'cluster.failed', v, id: message.id, reason: listeners.has(message.id) ? 'already listening for this probe' : 'too many cluster probes at once' });
      return;
    }
    const opening = startProbeListener({ tokens: message.tokens, maxBytes: message.maxBytes, ttlMs: message.ttlMs, ...(deps.listenHost ? { host: deps.listenHost } : {}) }).then(
      (listener) => {
        void listener.closed.then(() => listeners.get(message.id) === opening && listeners.delete(message.id));
        deps.send({ type: 'cluster.listening', v, id: message.id, port: listener.port });
        return listener;
      },
      (err: unknown) => {
        listeners.delete(message.id);
        deps.log.warn({ err, probeId: message.id }, 'cannot open a cluster probe listener');
        deps.send({ type: 'cluster.failed', v, id: message.id, reason: 'cannot open a listener' });
        return undefined;
      },
    );
    listeners.set(message.id, opening);
  }

  async function probe(message: Extract<ServerMessage, { type: 'cluster.probe' }>): Promise<void> {
    if (probing.has(message.id)) return;
    probing.add(message.id);
    try {
      const results: ClusterPeerResult[] = [];
      for (const peer of message.peers) {
        const emulate = deps.emulate?.(peer.deviceId.toLowerCase());
        try {
          const measured = await probePeer({ host: peer.host, port: peer.port, token: peer.token, pings: message.pings, bytes: message.bytes, timeoutMs: message.timeoutMs, ...(emulate ? { emulate } : {}) });
          results.push({ deviceId: peer.deviceId, ok: true, ...measured });
        } catch (err) {
          deps.log.warn({ probeId: message.id, peer: peer.deviceId, code: isBaseError(err) ? err.code : undefined }, 'cluster peer probe failed');
          results.push({ deviceId: peer.deviceId, ok: false, error: isBaseError(err) ? err.shortMessage.slice(0, 300) : 'probe failed' });
        }
      }
      deps.send({ type: 'cluster.probed', v, id: message.id, results });
    } finally {
      probing.delete(message.id);
    }
  }

  async function close(id: string): Promise<void> {
    const listener = await listeners.get(id);
    listeners.delete(id);
    deps.send({ type: 'cluster.closed', v, id, receipts: listener ? await listener.close() : [] });
  }

  return {
    onMessage(message) {
      switch (message.type) {
        case 'cluster.listen':
          listen(message);
          return true;
        case 'cluster.probe':
          void probe(message);
          return true;
        case 'cluster.close':
          void close(message.id);
          return true;
        default:
          return false;
      }
    },
    async releaseAll() {
      const open = [...listeners.values()];
      listeners.clear();
      await Promise.all(open.map(async (l) => (await l)?.close()));
    },
  };
}
