import { MAX_VERDICT_FAILURES, type VerdictReport } from '@tensorgrid/protocol';
import type { VerificationReport } from '@tensorgrid/verification';

/**
 * A verification report as the coordinator keeps it for the referee: the failures in the order
 * found (at most {@link MAX_VERDICT_FAILURES}, details cut to 500 characters) and how many
 * transitions were replayed.
 * @param report - `verifyCommitment`'s report
 */
export function toWireReport(report: VerificationReport): VerdictReport {
  return {
    passed: report.passed,
    failures: report.failures.slice(0, MAX_VERDICT_FAILURES).map((f) => ({ step: f.step, kind: f.kind, ...(f.detail === undefined ? {} : { detail: f.detail.slice(0, 500) }) })),
    checkedSteps: report.checkedSteps.length,
  };
}
