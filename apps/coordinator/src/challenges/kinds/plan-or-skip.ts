import { isBaseError } from '@tensorgrid/protocol';
import type { PlannedChallenge } from '../challenge-kind-adapter';

/**
 * Runs a kind's planner; a claim the policy cannot size (too small to sample, absurdly
 * large: VALIDATION_FAILED from the domain) means the kind does not apply to the device.
 * @param plan - the planner
 */
export function planOrSkip(plan: () => PlannedChallenge): PlannedChallenge | null {
  try {
    return plan();
  } catch (err) {
    if (isBaseError(err) && err.code === 'VALIDATION_FAILED') return null;
    throw err;
  }
}
