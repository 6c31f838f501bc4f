import { checkComputeOpenings, checkMemoryAnswers, type ChallengeVerdict, type CheckComputeOpeningsInput, type CheckMemoryAnswersInput } from '@tensorgrid/domain';

/**
 * The checks that recompute a device's work: a compute challenge's sampled tiles and a memory
 * challenge's sampled pages. At production sizes they take seconds of CPU each (an n = 4096
 * GPU claim: about 16 s on the 2-core reference machine), so the coordinator runs them off its
 * event loop ({@link createThreadedChallengeChecks}); tests and tools may run them in process.
 */
export interface ChallengeChecks {
  compute(input: CheckComputeOpeningsInput): Promise<ChallengeVerdict>;
  memory(input: CheckMemoryAnswersInput): Promise<ChallengeVerdict>;
}

/** The checks on the caller's thread: for tests and small (devnet) challenges. */
export const IN_PROCESS_CHALLENGE_CHECKS: ChallengeChecks = {
  compute: async (input) => checkComputeOpenings(input),
  memory: async (input) => checkMemoryAnswers(input),
};
