import { randomBytes } from 'node:crypto';
import type { ChallengeKind, ChallengeResult, ChallengeResultStore, DeviceRecord, SeedHex } from '@tensorgrid/domain';
import { PROTOCOL_VERSION, type ServerMessage } from '@tensorgrid/protocol';
import type { ChallengeAdapterSet, ChallengeKindAdapter, ChallengeVerdict, JsonRecord } from './challenge-kind-adapter';

interface InFlight {
  id: string;
  deviceId: string;
  adapter: ChallengeKindAdapter;
  spec: JsonRecord;
  querySeed: SeedHex;
  issuedAt: number;
  startedMs: number;
  phase: { kind: 'issued' } | { kind: 'queried'; commitment: JsonRecord; query: JsonRecord; queriedMs: number; readyMs: number } | { kind: 'checking' };
  timer: NodeJS.Timeout;
  settled: (result: ChallengeResult) => void;
}

/** What the runner needs. */
export interface ChallengeRunnerDeps {
  /** The kinds and their policies for GPU workers, CPU workers and simulated devices. */
  adapters: ChallengeAdapterSet;
  /** Sends to the device's authenticated session; false when it has none. */
  sendTo: (deviceId: string, message: ServerMessage) => boolean;
  results: ChallengeResultStore;
  /** Wall time (ms since the epoch) for the record. */
  now: () => number;
  /** A monotonic clock (ms) for elapsed times. @default performance.now */
  monotonic?: () => number;
  /** 32 random bytes, 64 lowercase hex digits. @default node:crypto */
  random?: () => SeedHex;
  /** Called after each result is stored. */
  onResult?: (result: ChallengeResult) => void;
  /** Told when checking an answer threw (the challenge then fails with `check-error`). */
  onCheckError?: (err: unknown, challenge: { id: string; deviceId: string; kind: ChallengeKind }) => void;
  /** Told when storing a result failed: the result is lost, and the device is not told it. */
  onRecordError?: (err: unknown, challenge: { id: string; deviceId: string; kind: ChallengeKind }) => void;
}

/** Why a challenge was not issued. */
export type IssueOutcome = { kind: 'issued'; id: string; result: Promise<ChallengeResult> } | { kind: 'offline' } | { kind: 'not-applicable' };

/** Issues challenges over device sessions and judges them; see {@link createChallengeRunner}. */
export interface ChallengeRunner {
  issue(device: DeviceRecord, kind: ChallengeKind): IssueOutcome;
  /** The device's `challenge.ready`. */
  ready(deviceId: string, message: { id: string; commitment: JsonRecord }): Promise<void>;
  /** The device's `challenge.answer`. */
  answer(deviceId: string, message: { id: string; answer: JsonRecord }): Promise<void>;
  /** The device's session closed: its open challenges fail (`disconnected`). */
  sessionClosed(deviceId: string): void;
  /** Challenges waiting for the device. */
  inFlight(): number;
  /** Fails nothing and stores nothing more: drops every open challenge (shutdown). */
  stop(): void;
}

const randomSeed = (): SeedHex => randomBytes(32).toString('hex');

/**
 * Creates the challenge runner: it picks the kind's adapter by the device (simulated, GPU or
 * CPU worker), sends `challenge.issued`, answers `challenge.ready` with
 * a query or a verdict, judges `challenge.answer`, fails what times out or disconnects, and
 * stores every result (then tells the device with `challenge.result`). Elapsed times are
 * the coordinator's own, on a monotonic clock: the device's timings are never used. A
 * message for a challenge the device does not hold is refused, so a device cannot answer
 * another device's challenge. Once an answer is in, the device is done: the check (seconds of
 * CPU at production sizes, off the event loop) is not timed against it, and neither the
 * challenge's timeout nor a closed session fails it meanwhile.
 * @param deps - adapters, session sender, result store and clocks
 */
export function createChallengeRunner(deps: ChallengeRunnerDeps): ChallengeRunner {
  const byKind = (list: readonly ChallengeKindAdapter[]) => new Map(list.map((a) => [a.kind, a]));
  const adapters = { gpu: byKind(deps.adapters.gpu), cpu: byKind(deps.adapters.cpu), simulated: byKind(deps.adapters.simulated) };
  const monotonic = deps.monotonic ?? (() => performance.now());
  const random = deps.random ?? randomSeed;
  const open = new Map<string, InFlight>();
  let stopped = false;

  async function finish(challenge: InFlight, verdict: ChallengeVerdict): Promise<void> {
    if (open.get(challenge.id) !== challenge) return;
    open.delete(challenge.id);
    clearTimeout(challenge.timer);
    const result: ChallengeResult = {
      id: challenge.id,
      deviceId: challenge.deviceId,
      kind: challenge.adapter.kind,
      issuedAt: challenge.issuedAt,
      finishedAt: deps.now(),
      passed: verdict.passed,
      reason: verdict.reason,
      metrics: { ...verdict.metrics, totalMs: Math.round(monotonic() - challenge.startedMs) },
    };
    if (stopped) return;
    try {
      await deps.results.record(result);
    } catch (err) {
      // The round waiting on this result goes on (its device must not stay in a round for good); the device hears nothing.
      deps.onRecordError?.(err, { id: challenge.id, deviceId: challenge.deviceId, kind: result.kind });
      challenge.settled(result);
      return;
    }
    deps.sendTo(challenge.deviceId, { type: 'challenge.result', v: PROTOCOL_VERSION, id: challenge.id, kind: result.kind, passed: result.passed, reason: result.reason });
    challenge.settled(result);
    deps.onResult?.(result);
  }

  function held(deviceId: string, id: string): InFlight | undefined {
    const challenge = open.get(id);
    return challenge && challenge.deviceId === deviceId.toLowerCase() ? challenge : undefined;
  }

  const fail = (reason: string): ChallengeVerdict => ({ passed: false, reason, metrics: {} });

  return {
    issue(device, kind) {
      const adapter = adapters[device.simulated ? 'simulated' : device.hardware.gpus.length ? 'gpu' : 'cpu'].get(kind);
      if (!adapter) return { kind: 'not-applicable' };
      const planned = adapter.plan({ device, seed: random() });
      if (!planned) return { kind: 'not-applicable' };
      const id = `ch_${random().slice(0, 32)}`;
      let settled!: (r: ChallengeResult) => void;
      const result = new Promise<ChallengeResult>((resolve) => (settled = resolve));
      const challenge: InFlight = {
        id, deviceId: device.id, adapter, spec: planned.spec, querySeed: random(),
        issuedAt: deps.now(), startedMs: monotonic(), phase: { kind: 'issued' }, settled,
        timer: setTimeout(() => void finish(challenge, fail('no-answer')), planned.timeoutMs),
      };
      challenge.timer.unref();
      open.set(id, challenge);
      if (!deps.sendTo(device.id, { type: 'challenge.issued', v: PROTOCOL_VERSION, id, kind, spec: planned.spec })) {
        clearTimeout(challenge.timer);
        open.delete(id);
        return { kind: 'offline' };
      }
      return { kind: 'issued', id, result };
    },

    async ready(deviceId, message) {
      const challenge = held(deviceId, message.id);
      if (!challenge || challenge.phase.kind !== 'issued') return;
      const readyMs = monotonic();
      const outcome = challenge.adapter.onReady({ spec: challenge.spec, querySeed: challenge.querySeed, commitment: message.commitment, elapsedMs: readyMs - challenge.startedMs });
      if (outcome.kind === 'verdict') return finish(challenge, outcome.verdict);
      challenge.phase = { kind: 'queried', commitment: message.commitment, query: outcome.query, queriedMs: monotonic(), readyMs };
      if (!deps.sendTo(deviceId, { type: 'challenge.query', v: PROTOCOL_VERSION, id: challenge.id, query: outcome.query })) await finish(challenge, fail('disconnected'));
    },

    async answer(deviceId, message) {
      const challenge = held(deviceId, message.id);
      if (!challenge || challenge.phase.kind !== 'queried') return;
      const { commitment, query, queriedMs, readyMs } = challenge.phase;
      const elapsedMs = monotonic() - queriedMs;
      const onAnswer = challenge.adapter.onAnswer;
      if (!onAnswer) return finish(challenge, fail('unexpected-answer'));
      challenge.phase = { kind: 'checking' };
      clearTimeout(challenge.timer);
      let verdict: ChallengeVerdict;
      try {
        verdict = await onAnswer({ spec: challenge.spec, querySeed: challenge.querySeed, commitment, query, answer: message.answer, elapsedMs, readyElapsedMs: readyMs - challenge.startedMs });
      } catch (err) {
        deps.onCheckError?.(err, { id: challenge.id, deviceId: challenge.deviceId, kind: challenge.adapter.kind });
        verdict = fail('check-error');
      }
      await finish(challenge, { ...verdict, metrics: { readyMs: Math.round(readyMs - challenge.startedMs), ...verdict.metrics } });
    },

    sessionClosed(deviceId) {
      const id = deviceId.toLowerCase();
      for (const challenge of [...open.values()]) if (challenge.deviceId === id && challenge.phase.kind !== 'checking') void finish(challenge, fail('disconnected'));
    },

    inFlight: () => open.size,

    stop() {
      stopped = true;
      for (const challenge of open.values()) clearTimeout(challenge.timer);
      open.clear();
    },
  };
}
