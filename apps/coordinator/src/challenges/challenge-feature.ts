import { BaseError } from '@tensorgrid/protocol';
import type { WsFeature, WsSessionContext } from '../ws/ws-feature';
import type { ChallengeRunner } from './challenge-runner';

const deviceOf = (session: WsSessionContext): string => {
  if (!session.deviceId) throw new BaseError('UNAUTHENTICATED', 'Challenge messages need an authenticated session', { details: 'Say a signed hello first.' });
  return session.deviceId;
};

/**
 * The device side of hardware challenges on `/v1/ws`: `challenge.ready` and
 * `challenge.answer` from an authenticated session go to the runner, which ignores ids the
 * session's device does not hold. A closed session fails its device's open challenges.
 * @param runner - the challenge runner
 */
export function challengeFeature(runner: ChallengeRunner): WsFeature {
  return {
    handlers: {
      'challenge.ready': (session, message) => runner.ready(deviceOf(session), message),
      'challenge.answer': (session, message) => runner.answer(deviceOf(session), message),
    },
    onClose(session) {
      if (session.deviceId) runner.sessionClosed(session.deviceId);
    },
  };
}
