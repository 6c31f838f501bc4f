import type { JobState } from '@tensorgrid/protocol';
import { scoreVerifierDiligence } from '@tensorgrid/verification';

/** A canary job as the market shows it: who judged it and where it went. */
export interface CanaryJobView {
  jobId: string;
  state: JobState;
  /** The verifier that posted the verdict, null before one did. */
  verifier: string | null;
}

/** What a verifier's verdict on a canary was, read from the job's state. */
export type CanaryVerdict = 'caught' | 'approved' | 'pending';

/**
 * A canary's verdict from its state: a verifier that rejected it caught it (the bot never
 * contests, so a rejected canary ends `failed`); one that passed it approved a planted error
 * (`verified`, then `disputed` and `slashed` once the bot blows the whistle, or `settled` if
 * the window closed first). Anything before a verdict is pending.
 * @param state - the canary job's state
 */
export function canaryVerdict(state: JobState): CanaryVerdict {
  if (state === 'rejected' || state === 'failed' || state === 'contested') return 'caught';
  if (state === 'verified' || state === 'disputed' || state === 'slashed' || state === 'settled') return 'approved';
  return 'pending';
}

/** One verifier's record on canaries. */
export type VerifierDiligence = { verifier: string } & ReturnType<typeof scoreVerifierDiligence>;

/**
 * Each verifier's diligence on the canaries it judged (§6.8 ρ with its Wilson 95 % interval),
 * most canaries first. Canaries without a verdict yet are left out.
 * @param jobs - the bot's canary jobs
 */
export function canaryDiligence(jobs: readonly CanaryJobView[]): VerifierDiligence[] {
  const byVerifier = new Map<string, { passed: boolean }[]>();
  for (const job of jobs) {
    const verdict = canaryVerdict(job.state);
    if (verdict === 'pending' || job.verifier === null) continue;
    const key = job.verifier.toLowerCase();
    byVerifier.set(key, [...(byVerifier.get(key) ?? []), { passed: verdict === 'approved' }]);
  }
  return [...byVerifier]
    .map(([verifier, verdicts]) => ({ verifier, ...scoreVerifierDiligence(verdicts) }))
    .sort((a, b) => b.canaries - a.canaries || a.verifier.localeCompare(b.verifier));
}
