import type { CanaryKind } from '@tensorgrid/verification';
import type { PostOutcome } from './canary-poster';

/** What one tick of the canary bot did with one canary. */
export type CanaryOutcome =
  | PostOutcome
  /** Taken back: past its deadline before it was submitted (declined and cancelled), or submitted and judged by no verifier within its window (ended unverified). */
  | { kind: 'withdrawn'; jobId: bigint; why: string }
  | { kind: 'submitted'; jobId: bigint; canary: CanaryKind; plantedSteps: number[] }
  | { kind: 'answered'; jobId: bigint; steps: number[] }
  | { kind: 'caught'; jobId: bigint; verifier: string }
  | { kind: 'disputed'; jobId: bigint; verifier: string; step: number }
  /** The canary's node opened the disputed step of its tolerant canary (no challenge had named it): the referee judges that opening. */
  | { kind: 'opened'; jobId: bigint; step: number }
  /** A verifier passed a sampled canary whose beacon draw named none of its wrong steps: its luck, not laziness (p ≈ 0.8⁴⁸); not disputed. */
  | { kind: 'unsampled'; jobId: bigint; verifier: string };
