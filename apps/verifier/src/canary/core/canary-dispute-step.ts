/** The step a canary's whistleblower disputes, and whether the node's opening of it is stored. */
export interface CanaryDisputeStep {
  step: number;
  /** True when a challenge named the step, so the node's opening of it is stored; else the bot must provide it. */
  opened: boolean;
}

/**
 * Which planted step of a canary a verifier that passed it is disputed at: one the verifier had
 * to check, so it loses its bond (the referee's rule): a step the job's beacon draws, whatever the
 * verifier posted, or one of its own posted challenge. A step the stored challenge named comes
 * first, since the node's opening of it is already stored. A verifier that posted a short
 * challenge, or none, is held to the draw all the same. Undefined when no owed step is planted
 * (a sampled canary the draw missed, p ≈ 0.8⁴⁸): no dispute would slash the verifier.
 * @param args - the canary's planted steps; the beacon's draw; the stored challenge's steps, and whether the passing verifier posted it
 */
export function canaryDisputeStep(args: {
  plantedSteps: readonly number[];
  drawn: readonly number[];
  challenge: { steps: readonly number[]; byPasser: boolean } | undefined;
}): CanaryDisputeStep | undefined {
  const challenged = args.challenge?.steps ?? [];
  const owed = new Set([...args.drawn, ...(args.challenge?.byPasser ? challenged : [])]);
  const candidates = args.plantedSteps.filter((t) => owed.has(t));
  const opened = candidates.find((t) => challenged.includes(t));
  if (opened !== undefined) return { step: opened, opened: true };
  return candidates.length > 0 ? { step: candidates[0]!, opened: false } : undefined;
}
