import { wilsonInterval, type WilsonInterval } from '../stats/wilson-interval';

/**
 * A verifier's record on canaries: each canary it approved is a proven lapse (slash it);
 * `diligence` (ρ, §6.8) is the share it failed, with its Wilson 95 % interval.
 * @param verdicts - the verifier's verdicts on canary commitments
 */
export function scoreVerifierDiligence(verdicts: readonly { passed: boolean }[]): { canaries: number; caught: number; approved: number; diligence: WilsonInterval } {
  const caught = verdicts.filter((v) => !v.passed).length;
  return { canaries: verdicts.length, caught, approved: verdicts.length - caught, diligence: wilsonInterval(caught, verdicts.length) };
}
