import { BaseError, PROTOCOL_VERSION, isBaseError, type Device, type DeviceLocation, type Hardware, type ServerMessage } from '@tensorgrid/protocol';
import { createSessionHeartbeats, openSession, registerDevice, signOperatorAttestation, type CoordinatorClient, type Session } from '@tensorgrid/sdk';
import type { Logger } from 'pino';
import type { LocalAccount } from 'viem';
import { createChallengeHandler } from '../challenges/challenge-handler';
import type { ChallengeResponder } from '../challenges/challenge-responder';
import { createClusterProbeHandler, type ClusterProbeHandlerDeps } from '../cluster/cluster-probe-handler';
import { transition, type AgentEvent, type AgentState } from './core/agent-state';
import { sendAgentHeartbeat } from './send-agent-heartbeat';

/** What a worker agent needs. */
export interface WorkerAgentDeps {
  /** A coordinator client signing with the worker's own key. */
  client: CoordinatorClient;
  hardware: Hardware;
  /** The operator ("master") key, only when configured explicitly. */
  operator?: LocalAccount;
  /** Flags the device as simulated in the registry (the devnet's fleet simulator). */
  simulated?: boolean;
  log: Logger;
  /** Overrides the heartbeat period the coordinator announces. */
  heartbeatIntervalMs?: number;
  /** Where the operator declares the device is (registered with it). */
  location?: DeviceLocation;
  /** Lists GPU processes the agent did not start; reported to the coordinator after each heartbeat when any. */
  foreignProcesses?: () => Promise<{ pid: number; name: string }[]>;
  /** Back-off of registration retries and session reconnects. @default { baseMs: 500, maxMs: 15000 } */
  retry?: { baseMs: number; maxMs: number };
  /** Simulated devices only: how long the session holds pongs and measurement answers (see `openSession`). */
  simulatedAnswerDelayMs?: (message: ServerMessage) => number;
  /** Answer the coordinator's hardware challenges with these (none: challenges go unanswered). */
  challengeResponders?: readonly ChallengeResponder[];
  /** Cluster probes: the interface the probe listener binds, and (simulated devices only) emulated links to peers. */
  clusterProbe?: Pick<ClusterProbeHandlerDeps, 'listenHost' | 'emulate'>;
}

/** A running worker agent. */
export interface WorkerAgent {
  readonly state: AgentState;
  readonly deviceId: string;
  /** Registers (retrying retryable failures), sends a first heartbeat, and starts heartbeats and the session; returns the device as of that heartbeat. */
  start(): Promise<Device>;
  /** Stops heartbeats and the session; resolves when nothing is left running. */
  stop(): Promise<void>;
  /** Resolves when the agent reaches STOPPED or FAILED. */
  readonly done: Promise<AgentState>;
}

/**
 * Creates the worker agent: a documented state machine (see `core/agent-state.ts`) around
 * signed registration, signed heartbeats with a strictly increasing sequence, and a
 * WebSocket session that answers the coordinator's pings.
 * @param deps - client, hardware, logger and options
 */
export function createWorkerAgent(deps: WorkerAgentDeps): WorkerAgent {
  const account = deps.client.account;
  if (!account) throw new BaseError('UNAUTHENTICATED', 'The worker agent needs a client with the worker account');
  const retry = deps.retry ?? { baseMs: 500, maxMs: 15_000 };
  const log = deps.log.child({ deviceId: account.address.toLowerCase() });
  let state: AgentState = 'INITIALIZED';
  let seq = 0;
  let intervalMs = deps.heartbeatIntervalMs ?? 5000;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let heartbeatInFlight: Promise<void> = Promise.resolve();
  let session: Session | undefined;
  const sessionBeats = createSessionHeartbeats();
  let sessionOpening: Promise<void> = Promise.resolve();
  let sessionRetry: NodeJS.Timeout | undefined;
  let resolveDone!: (s: AgentState) => void;
  const done = new Promise<AgentState>((resolve) => (resolveDone = resolve));
  const challenges = createChallengeHandler({ responders: deps.challengeResponders ?? [], send: (message) => session?.send(message), log });
  const clusterProbes = createClusterProbeHandler({ send: (message) => session?.send(message), log, ...deps.clusterProbe });

  const fire = (event: AgentEvent) => {
    const next = transition(state, event);
    if (next.kind === 'moved' && next.state !== state) {
      log.debug({ from: state, to: next.state }, 'agent state');
      state = next.state;
      if (state === 'STOPPED' || state === 'FAILED') resolveDone(state);
    }
  };
  const live = () => state === 'IDLE' || state === 'RUNNING' || state === 'REGISTERING';
  const backoff = (attempt: number) => Math.min(retry.maxMs, retry.baseMs * 2 ** attempt);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function register(): Promise<Device> {
    for (let attempt = 0; ; attempt++) {
      try {
        const operator = deps.operator
          ? await signOperatorAttestation(deps.operator, { worker: account!.address, domain: await deps.client.signingDomain() })
          : undefined;
        const res = await registerDevice(deps.client, { hardware: deps.hardware, simulated: deps.simulated ?? false, ...(operator ? { operator } : {}), ...(deps.location ? { location: deps.location } : {}) });
        seq = res.device.heartbeatSeq;
        intervalMs = deps.heartbeatIntervalMs ?? res.heartbeatIntervalMs;
        fire({ type: 'registered' });
        log.info({ outcome: res.outcome, gpuModel: res.device.gpuModel, gpus: res.device.hardware.gpus.length, kind: res.device.hardware.kind, state: res.device.state }, 'worker registered');
        return res.device;
      } catch (err) {
        if (!isBaseError(err) || !err.retryable || !live()) {
          fire({ type: 'fatal' });
          throw err;
        }
        log.warn({ code: err.code, attempt }, `registration failed, retrying: ${err.shortMessage}`);
        await sleep(backoff(attempt));
      }
    }
  }

  /** Sends one heartbeat; returns the device when it was recorded. */
  async function beat(): Promise<Device | undefined> {
    const next = seq + 1;
    try {
      const device = await sendAgentHeartbeat({ client: deps.client, session, beats: sessionBeats, log }, { seq: next, uptimeS: process.uptime(), ackTimeoutMs: Math.max(1000, intervalMs) });
      seq = next;
      log.debug({ seq }, 'heartbeat');
      return device;
    } catch (err) {
      if (!isBaseError(err)) throw err;
      switch (err.code) {
        case 'STALE_SEQUENCE':
          seq = typeof err.data.lastSeq === 'number' ? err.data.lastSeq : seq + 1;
          return;
        case 'DEVICE_NOT_FOUND':
          log.warn('the coordinator lost this device; registering again');
          fire({ type: 'lost-registration' });
          return register();
        case 'DEVICE_BLOCKED':
          log.error(err.shortMessage);
          fire({ type: 'fatal' });
          return;
        default:
          log.warn({ code: err.code }, `heartbeat failed: ${err.shortMessage}`);
      }
    }
  }

  function scheduleHeartbeat(): void {
    heartbeatTimer = setTimeout(() => {
      heartbeatInFlight = beat()
        .then(() => reportForeignWorkloads())
        .catch((err: unknown) => log.error({ err }, 'heartbeat crashed'))
        .finally(() => {
          if (live()) scheduleHeartbeat();
        });
    }, intervalMs);
  }

  /** Tells the coordinator about GPU processes the agent did not start (a hired device running them is blocked). */
  async function reportForeignWorkloads(): Promise<void> {
    if (!deps.foreignProcesses || !session) return;
    const foreign = await deps.foreignProcesses().catch((err: unknown) => void log.warn({ err }, 'cannot list GPU processes'));
    if (foreign?.length) session.send({ type: 'workload.report', v: PROTOCOL_VERSION, foreignProcesses: foreign.slice(0, 256) });
  }

  /** Opens the session (tracked, so that stop() can wait for an opening in flight). */
  function connectSession(attempt = 0): void {
    if (!live()) return;
    sessionOpening = openSession(deps.client, {
      ...(deps.simulatedAnswerDelayMs ? { simulatedAnswerDelayMs: deps.simulatedAnswerDelayMs } : {}),
      onMessage: (message) => {
        if (!challenges.onMessage(message) && !clusterProbes.onMessage(message)) sessionBeats.onMessage(message);
      },
    }).then(
      async (opened) => {
        if (!live()) return opened.close();
        session = opened;
        log.debug('session open');
        void opened.closed.then(() => {
          session = undefined;
          challenges.releaseAll();
          void clusterProbes.releaseAll();
          sessionBeats.failAll();
          if (live()) sessionRetry = setTimeout(() => connectSession(1), backoff(1));
        });
      },
      (err: unknown) => {
        log.warn({ code: isBaseError(err) ? err.code : undefined }, 'session failed; retrying');
        if (live()) sessionRetry = setTimeout(() => connectSession(attempt + 1), backoff(attempt));
      },
    );
  }

  return {
    get state() {
      return state;
    },
    deviceId: account.address.toLowerCase(),
    done,
    async start() {
      fire({ type: 'start' });
      const registered = await register();
      // The first heartbeat goes out at once, so the device is live without waiting a period.
      const device = (await beat()) ?? registered;
      scheduleHeartbeat();
      connectSession();
      return device;
    },
    async stop() {
      fire({ type: 'stop' });
      clearTimeout(heartbeatTimer);
      clearTimeout(sessionRetry);
      await heartbeatInFlight;
      await sessionOpening;
      await session?.close();
      challenges.releaseAll();
      await clusterProbes.releaseAll();
      fire({ type: 'drained' });
    },
  };
}
