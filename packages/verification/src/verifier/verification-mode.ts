/** Exact mode compares hashes bit for bit; tolerant mode compares W_{t+1} within τ (§6.6). */
export type VerificationMode = { kind: 'exact' } | { kind: 'tolerant'; tau: number };

/** Why a check failed. */
export type FailureKind =
  | 'bad-proof'
  | 'state-mismatch'
  | 'wrong-transition'
  | 'wrong-init'
  | 'withheld'
  | 'over-tolerance'
  | 'structure'
  | 'held-out'
  /** The node's step hashes h_0 … h_T are not published (or not the committed leaves): the job cannot be audited. */
  | 'leaves-withheld'
  /**
   * The job's gas on chain is not its spec's (`jobGas`): a node's daily shares are its jobs'
   * gas, so an overstated gas would buy shares without the work. Checked from the spec alone.
   */
  | 'gas-mismatch';

/** One failed check: the transition (or leaf T for the held-out check) and why. */
export interface CheckFailure {
  step: number;
  kind: FailureKind;
  detail?: string;
}
