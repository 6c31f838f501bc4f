import { createCoordinatorClient } from '@tensorgrid/sdk';
import type { Logger } from 'pino';
import { privateKeyToAccount } from 'viem/accounts';
import { createWorkerAgent, type WorkerAgent } from '../agent/worker-agent';
import { planSimulatedFleet, type SimulatedDevice, type SimulatedProfile } from './core/plan-simulated-fleet';
import { linkDelayMs } from './core/link-delay';
import { simulatedHardware, simulatedKeys } from './core/simulated-hardware';
import { simulatedPeerLink } from './core/simulated-peer-link';
import { startHeartbeatReplayer, type ReplayTally } from './heartbeat-replayer';
import { simulatedResponders } from './simulated-responders';

/** Options of {@link startSimulatedFleet}. */
export interface SimulatedFleetOptions {
  coordinatorUrl: string;
  count: number;
  seed: number;
  /** Simulated hours per real hour for churn (outages): 60 turns a 6 h mean uptime into 6 min. */
  speedup: number;
  log: Logger;
  heartbeatIntervalMs?: number;
  /** Share of adversarial devices. @default 0.2 */
  adversarialShare?: number;
  /** How often a heartbeat-replay adversary replays. @default 10000 */
  replayPeriodMs?: number;
}

/** A running simulated fleet. */
export interface SimulatedFleet {
  devices: { deviceId: string; profile: SimulatedProfile }[];
  /** What the heartbeat-replay adversaries saw (every replay should be refused). */
  replays(): ReplayTally;
  stop(): Promise<void>;
}

/** Exponential draw with the given mean. */
const exponential = (mean: number) => -Math.log(1 - Math.random()) * mean;

/**
 * Starts the devnet's simulated fleet: one real worker agent per planned device (the same
 * agent code, flagged simulated in the registry), with simulated hardware, a declared
 * location, its link emulated (pongs and network measurements held for its latency and
 * transfer times; cluster probes between fleet devices held for the distance between their
 * cities and paced to the slower of their links), simulated challenge responders sized to
 * what its profile really has, churn (outages drawn from its profile, time compressed by
 * `speedup`), and for the heartbeat-replay adversaries a replayer beside the agent. Devices of one sybil machine
 * share one operator key.
 * @param options - coordinator, count, seed, speedup and logger
 */
export async function startSimulatedFleet(options: SimulatedFleetOptions): Promise<SimulatedFleet> {
  const plan = planSimulatedFleet({ count: options.count, seed: options.seed, ...(options.adversarialShare === undefined ? {} : { adversarialShare: options.adversarialShare }) });
  const onMachine = new Map<number, number>();
  for (const d of plan) onMachine.set(d.machine, (onMachine.get(d.machine) ?? 0) + 1);
  const timers = new Set<NodeJS.Timeout>();
  const running = new Map<number, WorkerAgent>();
  const replayers: ReturnType<typeof startHeartbeatReplayer>[] = [];
  let stopped = false;
  // Every planned device by its id, so that a prober can emulate the link to a peer of the fleet.
  const byId = new Map(plan.map((d) => [privateKeyToAccount(simulatedKeys(options.seed, d).worker).address.toLowerCase(), d]));
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) fn();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  function agentFor(device: SimulatedDevice): WorkerAgent {
    const keys = simulatedKeys(options.seed, device);
    const hardware = simulatedHardware(device);
    return createWorkerAgent({
      client: createCoordinatorClient({ url: options.coordinatorUrl, account: privateKeyToAccount(keys.worker) }),
      operator: privateKeyToAccount(keys.operator),
      hardware,
      simulated: true,
      location: { country: device.location.country, city: device.location.city, latitude: device.location.lat, longitude: device.location.lon },
      log: options.log.child({ simulated: device.index, profile: device.profile }),
      challengeResponders: simulatedResponders(device, { hardware, identitiesOnMachine: onMachine.get(device.machine)! }),
      simulatedAnswerDelayMs: (message) => linkDelayMs(device.link, message),
      // Simulated devices share this machine: they listen on loopback, and probe peers of the fleet over emulated links.
      clusterProbe: {
        listenHost: '127.0.0.1',
        emulate: (peerId) => {
          const peer = byId.get(peerId);
          return peer ? simulatedPeerLink(device, peer) : undefined;
        },
      },
      ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
    });
  }

  /** Up for a while, then an outage, then back with the same identity. */
  function churn(device: SimulatedDevice): void {
    later(exponential((device.churn.meanUpHours * 3_600_000) / options.speedup), () => {
      const agent = running.get(device.index);
      running.delete(device.index);
      void agent?.stop().then(() =>
        later(exponential((device.churn.meanDownMinutes * 60_000) / options.speedup), () => {
          const next = agentFor(device);
          running.set(device.index, next);
          next.start().then(
            () => churn(device),
            (err: unknown) => options.log.warn({ err, simulated: device.index }, 'simulated device failed to come back'),
          );
        }),
      );
    });
  }

  const devices: SimulatedFleet['devices'] = [];
  try {
    for (const device of plan) {
      const agent = agentFor(device);
      running.set(device.index, agent);
      await agent.start();
      devices.push({ deviceId: agent.deviceId, profile: device.profile });
      churn(device);
      if (device.profile === 'heartbeat-replay') {
        const client = createCoordinatorClient({ url: options.coordinatorUrl, account: privateKeyToAccount(simulatedKeys(options.seed, device).worker) });
        replayers.push(startHeartbeatReplayer(client, { periodMs: options.replayPeriodMs ?? 10_000, log: options.log }));
      }
    }
  } catch (err) {
    stopped = true;
    await Promise.all([...running.values()].map((a) => a.stop()));
    throw err;
  }

  return {
    devices,
    replays: () =>
      replayers.reduce<ReplayTally>(
        (sum, r) => ({
          sent: sum.sent + r.tally.sent,
          accepted: sum.accepted + r.tally.accepted,
          refusals: Object.fromEntries([...new Set([...Object.keys(sum.refusals), ...Object.keys(r.tally.refusals)])].map((k) => [k, (sum.refusals[k] ?? 0) + (r.tally.refusals[k] ?? 0)])),
        }),
        { sent: 0, accepted: 0, refusals: {} },
      ),
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      for (const r of replayers) r.stop();
      await Promise.all([...running.values()].map((a) => a.stop()));
    },
  };
}
