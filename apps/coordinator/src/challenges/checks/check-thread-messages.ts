import type { ChallengeVerdict, CheckComputeOpeningsInput, CheckMemoryAnswersInput } from '@tensorgrid/domain';

/** A check to run: which one, and its input. */
export type CheckCall = { kind: 'compute'; input: CheckComputeOpeningsInput } | { kind: 'memory'; input: CheckMemoryAnswersInput };

/** One check sent to a check thread. */
export type CheckRequest = { id: number } & CheckCall;

/** A check thread's reply: the verdict, or why the check threw. */
export type CheckReply = { id: number } & ({ verdict: ChallengeVerdict } | { error: string });
