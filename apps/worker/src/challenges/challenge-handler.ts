import { PROTOCOL_VERSION, isBaseError, type ClientMessage, type ServerMessage } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { ChallengeResponder, StartedChallenge } from './challenge-responder';

/** What the handler needs: the responders and a way to send on the current session. */
export interface ChallengeHandlerDeps {
  responders: readonly ChallengeResponder[];
  send: (message: ClientMessage) => void;
  log: Logger;
}

/** Handles challenge messages from the coordinator; see {@link createChallengeHandler}. */
export interface ChallengeHandler {
  /** Feeds a server message; returns true when it was a challenge message. */
  onMessage(message: ServerMessage): boolean;
  /** Resolves when no challenge work is running. */
  idle(): Promise<void>;
  /** Releases every challenge's memory (session closed, agent stopping). */
  releaseAll(): void;
}

/**
 * The worker's side of hardware challenges: on `challenge.issued` it runs the kind's
 * responder and sends `challenge.ready` with the commitment, answers `challenge.query`, and
 * frees the challenge on `challenge.result`. A kind it has no responder for, or a spec it
 * refuses, is left unanswered (the coordinator records `no-answer`) and logged.
 * @param deps - responders, the session's send and a logger
 */
export function createChallengeHandler(deps: ChallengeHandlerDeps): ChallengeHandler {
  const responders = new Map(deps.responders.map((r) => [r.kind, r]));
  const started = new Map<string, Promise<StartedChallenge | undefined>>();
  const work = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    work.add(p);
    void p.finally(() => work.delete(p));
  };
  const report = (id: string, err: unknown) => deps.log.warn({ challengeId: id, code: isBaseError(err) ? err.code : undefined, err: isBaseError(err) ? undefined : err }, 'challenge failed on this device');

  function issued(message: Extract<ServerMessage, { type: 'challenge.issued' }>): void {
    const responder = responders.get(message.kind);
    if (!responder) {
      deps.log.warn({ kind: message.kind }, 'no responder for this challenge kind');
      return;
    }
    deps.log.info({ challengeId: message.id, kind: message.kind }, 'hardware challenge issued');
    const run = responder.start(message.spec).then(
      (challenge) => {
        deps.send({ type: 'challenge.ready', v: PROTOCOL_VERSION, id: message.id, commitment: challenge.commitment });
        return challenge;
      },
      (err: unknown) => void report(message.id, err),
    );
    started.set(message.id, run);
    track(run);
  }

  function query(message: Extract<ServerMessage, { type: 'challenge.query' }>): void {
    const run = started.get(message.id);
    if (!run) return;
    track(
      run
        .then(async (challenge) => {
          if (!challenge) return;
          deps.send({ type: 'challenge.answer', v: PROTOCOL_VERSION, id: message.id, answer: await challenge.answer(message.query) });
        })
        .catch((err: unknown) => report(message.id, err)),
    );
  }

  function release(id: string): void {
    const run = started.get(id);
    started.delete(id);
    void run?.then((challenge) => challenge?.release());
  }

  return {
    onMessage(message) {
      switch (message.type) {
        case 'challenge.issued':
          issued(message);
          return true;
        case 'challenge.query':
          query(message);
          return true;
        case 'challenge.result':
          deps.log[message.passed ? 'info' : 'warn']({ challengeId: message.id, kind: message.kind, passed: message.passed, reason: message.reason }, 'hardware challenge judged');
          release(message.id);
          return true;
        default:
          return false;
      }
    },
    async idle() {
      while (work.size) await Promise.all([...work]);
    },
    releaseAll() {
      for (const id of [...started.keys()]) release(id);
    },
  };
}
