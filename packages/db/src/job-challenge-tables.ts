/** A verifier's challenge of one job in one round (migrations 0008, 0013). Times are Unix ms; `steps` is a JSON array. */
export interface JobChallengesTable {
  job_id: number;
  round: number;
  verifier: string;
  steps: string;
  beacon: string;
  issued_at: number;
  respond_by: number;
}

/** A node's write-once answer to one challenged step; `body` is the opening's JSON. */
export interface JobOpeningsTable {
  job_id: number;
  step: number;
  body: string;
  received_at: number;
}

/** A verifier's write-once report on a job in one round (migrations 0009, 0013); `body` is its JSON. */
export interface JobVerdictReportsTable {
  job_id: number;
  round: number;
  verifier: string;
  body: string;
  received_at: number;
}

/** A node's published step hashes (migration 0010): h_0 … h_T concatenated as hex. */
export interface JobStepHashesTable {
  job_id: number;
  hashes: string;
  received_at: number;
}

/** A whistleblower's write-once opening of one audited transition (migration 0010). */
export interface JobAuditOpeningsTable {
  job_id: number;
  auditor: string;
  step: number;
  body: string;
  received_at: number;
}

/** The challenge-exchange tables by name. */
export interface JobChallengeTables {
  job_challenges: JobChallengesTable;
  job_openings: JobOpeningsTable;
  job_verdict_reports: JobVerdictReportsTable;
  job_step_hashes: JobStepHashesTable;
  job_audit_openings: JobAuditOpeningsTable;
}
