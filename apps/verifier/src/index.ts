/**
 * @module @tensorgrid/verifier
 * The verifier agent (issue #5 part 5): challenges submitted training jobs from a beacon
 * revealed after their root was committed, checks the sampled transitions (exact replay, or
 * tolerant within the spec's τ), checks the final model on a held-out draw, and posts the
 * verdict on chain; the referee agent (part 6), which resolves a contested rejection or a
 * dispute by re-running the one step it names; and the canary bot (part 6), which plants
 * errors in 2 % of the verification work.
 */
import { fileURLToPath } from 'node:url';

export { verifierOptionsSchema, loadVerifierOptions, VERIFIER_ENV, type VerifierOptions } from './config';
export { beaconBlocks, type BeaconBlocks } from './core/job-beacons';
export { loadVerifierJob, verificationModeOf, type VerifierJob, type LoadVerifierJobResult } from './load-verifier-job';
export { challengeOpeningFromWire, finalOpening } from './wire-openings';
export { ensureVerifierBond, type EnsureVerifierBondResult } from './ensure-verifier-bond';
export { createVerifierAgent, type VerifierAgent, type VerifierAgentDeps, type VerifierAgentOptions, type VerifierJobOutcome } from './verifier-agent';
export { startVerifier, type RunningVerifier } from './start-verifier';
export { decideContest, disputedStep, type ContestCase, type ContestDecision } from './core/decide-contest';
export { decideAudit, type AuditCase } from './core/decide-audit';
export { toWireReport } from './core/to-wire-report';
export { canaryAccounts, type CanaryAccount, type CanaryAccounts } from './canary/canary-accounts';
export { createCanaryBot, type CanaryBot, type CanaryBotDeps, type CanaryBotOptions } from './canary/canary-bot';
export type { CanaryOutcome } from './canary/canary-outcome';
export { canariesDue, type CanaryPace } from './canary/core/canaries-due';
export { canaryDiligence, canaryVerdict, type CanaryJobView, type CanaryVerdict, type VerifierDiligence } from './canary/core/canary-diligence';
export { loadJobTrainer, type LoadedJobTrainer } from './load-job-trainer';
export { createRefereeAgent, type RefereeAgent, type RefereeAgentDeps, type RefereeOutcome } from './referee-agent';

/** Path of the agent's main.ts, for spawning it as a child process (`tsx <path>`). */
export const VERIFIER_MAIN_PATH = fileURLToPath(new URL('./main.ts', import.meta.url));
