import { randomBytes } from 'node:crypto';
import { BaseError, MAX_CLUSTER_LISTEN_MS, PROTOCOL_VERSION, isBaseError, type ClusterPeerResult, type ClusterReceipt } from '@tensorgrid/protocol';
import type { LinkProbe } from '@tensorgrid/scheduler';
import { concurrencyLimit } from '../network/core/concurrency-limit';
import type { ClusterProbeChannel } from './cluster-probe-channel';
import type { ProbePair } from './core/assign-probe-pairs';
import { checkLinkProbes, type FailedPair, type IssuedPair } from './core/check-link-probes';

/** Sizes and limits of one cluster probe. */
export interface ClusterProbeOptions {
  /** Round trips per pair (the median is kept). */
  pings: number;
  /** Bulk bytes per pair. */
  bytes: number;
  /** A prober gives up on one peer after this long, ms. */
  perPeerTimeoutMs: number;
  /** The whole probe gives up after this long, ms. */
  timeoutMs: number;
  /** Devices probing at once; the others wait (each prober measures its peers one at a time). */
  maxConcurrentProbers: number;
}

/** What one cluster probe yielded. */
export interface ClusterProbeOutcome {
  probes: LinkProbe[];
  failed: FailedPair[];
  /** Devices that failed outright (no listener, no answer, disconnected), and why. */
  deviceFailures: Record<string, string>;
}

const v = PROTOCOL_VERSION;

/**
 * Runs one cluster probe over the devices' sessions (see `cluster-probe-messages.ts`): every
 * target opens a listener for the tokens of the pairs it serves, every prober measures its
 * targets (at most `maxConcurrentProbers` at once), every listener is closed and its
 * receipts checked against the probers' results. A device that cannot open a listener or
 * does not answer fails its pairs; nothing waits beyond `timeoutMs`.
 * @param channel - the WebSocket line to the devices
 * @param pairs - who probes whom
 * @param options - sizes and limits
 */
export async function probeCluster(channel: ClusterProbeChannel, pairs: readonly ProbePair[], options: ClusterProbeOptions): Promise<ClusterProbeOutcome> {
  const id = `cp_${randomBytes(16).toString('hex')}`;
  const deadline = performance.now() + options.timeoutMs;
  const left = (wanted: number) => Math.max(1, Math.min(wanted, deadline - performance.now()));
  const issued: IssuedPair[] = pairs.map((p) => ({ ...p, token: randomBytes(32).toString('hex') }));
  const why = (err: unknown) => (isBaseError(err) ? err.shortMessage : 'failed');
  const deviceFailures = new Map<string, string>();

  // 1. Listeners.
  const targets = [...new Set(issued.map((p) => p.target))];
  const ports = new Map<string, number>();
  await Promise.all(
    targets.map(async (target) => {
      const tokens = issued.filter((p) => p.target === target).map((p) => p.token);
      try {
        const answer = await channel.ask(target, { type: 'cluster.listen', v, id, tokens, maxBytes: options.bytes, ttlMs: Math.min(MAX_CLUSTER_LISTEN_MS, Math.ceil(options.timeoutMs + 10_000)) }, left(options.perPeerTimeoutMs));
        if (answer.type === 'cluster.listening') ports.set(target, answer.port);
        else deviceFailures.set(target, answer.type === 'cluster.failed' ? answer.reason : 'unexpected answer');
      } catch (err) {
        deviceFailures.set(target, why(err));
      }
    }),
  );

  // 2. Probes, each prober's peers in one request.
  const results = new Map<string, ClusterPeerResult[]>();
  const limited = concurrencyLimit(options.maxConcurrentProbers);
  const probers = [...new Set(issued.map((p) => p.prober))];
  await Promise.all(
    probers.map((prober) =>
      limited(async () => {
        const peers = issued
          .filter((p) => p.prober === prober && ports.has(p.target) && channel.hostOf(p.target))
          .map((p) => ({ deviceId: p.target, host: channel.hostOf(p.target)!, port: ports.get(p.target)!, token: p.token }));
        if (peers.length === 0 || performance.now() >= deadline) return;
        try {
          const request = { type: 'cluster.probe' as const, v, id, peers, pings: options.pings, bytes: options.bytes, timeoutMs: options.perPeerTimeoutMs };
          const answer = await channel.ask(prober, request, left(options.perPeerTimeoutMs * peers.length + 5_000));
          if (answer.type === 'cluster.probed') results.set(prober, answer.results);
          else deviceFailures.set(prober, answer.type === 'cluster.failed' ? answer.reason : 'unexpected answer');
        } catch (err) {
          deviceFailures.set(prober, why(err));
        }
      }),
    ),
  );

  // 3. Close the listeners and collect their receipts (even past the deadline: they close by themselves anyway).
  const receipts = new Map<string, ClusterReceipt[]>();
  await Promise.all(
    [...ports.keys()].map(async (target) => {
      const answer = await channel.ask(target, { type: 'cluster.close', v, id }, Math.max(1, Math.min(options.perPeerTimeoutMs, 5_000))).catch((err: unknown) => void deviceFailures.set(target, why(err)));
      if (answer?.type === 'cluster.closed') receipts.set(target, answer.receipts);
    }),
  );

  const checked = checkLinkProbes(issued, { results, receipts, bytes: options.bytes });
  return { ...checked, deviceFailures: Object.fromEntries(deviceFailures) };
}

/**
 * The typed error of a cluster probe with failed pairs: it names the devices involved (the
 * ones that failed outright first), each failed pair and why.
 * @param outcome - the probe's failed pairs and device failures
 */
export function failedProbeError(outcome: Pick<ClusterProbeOutcome, 'failed' | 'deviceFailures'>): BaseError {
  const outright = Object.keys(outcome.deviceFailures).sort();
  const devices = outright.length ? outright : [...new Set(outcome.failed.flatMap((f) => [f.prober, f.target]))].sort();
  return new BaseError('DEVICES_UNAVAILABLE', `${outcome.failed.length} device pairs could not be measured; devices: ${devices.slice(0, 8).join(', ')}${devices.length > 8 ? ', …' : ''}`, {
    data: { devices, failures: outcome.deviceFailures, pairs: outcome.failed.slice(0, 64) },
    details: 'Retry later, or leave these devices out of the cluster.',
  });
}
