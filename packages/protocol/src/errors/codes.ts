/**
 * Every error code the system can raise, with its HTTP status and whether a retry can help.
 * This is the one table: the coordinator maps codes to statuses with it, the SDK rebuilds
 * errors with it, and contract reverts map onto the same codes.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, retryable: false },
  UNAUTHENTICATED: { status: 401, retryable: false },
  SIGNATURE_INVALID: { status: 401, retryable: false },
  SIGNATURE_EXPIRED: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  DEVICE_BLOCKED: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  DEVICE_NOT_FOUND: { status: 404, retryable: false },
  NONCE_REPLAYED: { status: 409, retryable: false },
  STALE_SEQUENCE: { status: 409, retryable: false },
  /** A write-once record already holds something else (another verifier's challenge, a different opening). */
  CONFLICT: { status: 409, retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  /** Chain: the sender's token balance or allowance does not cover the amount. */
  INSUFFICIENT_FUNDS: { status: 402, retryable: false },
  /** Chain: no job has this id on the JobMarket. */
  JOB_NOT_FOUND: { status: 404, retryable: false },
  /** Chain: the job is not in the state the call needs (e.g. not open, already settled). */
  JOB_WRONG_STATE: { status: 409, retryable: false },
  /** Chain: the node already runs as many jobs as it has workers. */
  NODE_AT_CAPACITY: { status: 409, retryable: false },
  /** Chain: the job's deadline or challenge window has passed. */
  DEADLINE_PASSED: { status: 409, retryable: false },
  /** Chain: too early: the job's deadline or challenge window has not passed yet (retry later). */
  JOB_NOT_DUE: { status: 409, retryable: true },
  MIXED_GPU_MODELS: { status: 422, retryable: false },
  /** Some devices a request names are registered but not online now (no session, down, or they failed to answer); `data.devices` names them. */
  DEVICES_UNAVAILABLE: { status: 503, retryable: true },
  /** Some devices a request names may not be hired now (in their trial, scoring below the threshold, down too long, blocked); `data.reasons` says why, per device. */
  DEVICES_INELIGIBLE: { status: 409, retryable: false },
  INTERNAL: { status: 500, retryable: true },
  CHAIN_ERROR: { status: 502, retryable: true },
  UNAVAILABLE: { status: 503, retryable: true },
  TIMEOUT: { status: 504, retryable: true },
  /** Client-side: the coordinator could not be reached. */
  NETWORK_ERROR: { status: 503, retryable: true },
  /** Client-side: configuration (flags, file, environment) is invalid. */
  CONFIG_INVALID: { status: 400, retryable: false },
  /** Client-side: no running devnet was found where the CLI looked. */
  DEVNET_NOT_RUNNING: { status: 503, retryable: true },
  /** Client-side: a devnet already runs from this data directory. */
  DEVNET_ALREADY_RUNNING: { status: 409, retryable: false },
  /** Worker-side: the hardware could not be probed. */
  HARDWARE_PROBE_FAILED: { status: 500, retryable: false },
  /** Worker-side: a key file is unreadable, malformed or has unsafe permissions. */
  KEY_INVALID: { status: 400, retryable: false },
  /** Chain: a stake or co-stake would stay below the device's (or the co-stake) minimum. */
  STAKE_BELOW_MINIMUM: { status: 422, retryable: false },
  /** Chain: the account (or device) has less stake than the operation needs. */
  INSUFFICIENT_STAKE: { status: 422, retryable: false },
  /** Chain: an unstake request is still in its cooldown (`data.args` holds when it unlocks). */
  COOLDOWN_ACTIVE: { status: 409, retryable: false },
  /** Chain: a slash is still in its appeal window and cannot be resolved yet. */
  APPEAL_WINDOW_OPEN: { status: 409, retryable: false },
  /** Chain: a slash's appeal window has ended and it can no longer be overturned. */
  APPEAL_WINDOW_CLOSED: { status: 409, retryable: false },
  /** Chain: the device accepts no co-stakes now (no open offer). */
  CO_STAKE_CLOSED: { status: 409, retryable: false },
  /** Chain: the device already has its maximum number of co-stakers. */
  CO_STAKERS_FULL: { status: 409, retryable: false },
  /** Chain: the thing was already settled once (a withdrawal paid, a slash resolved or overturned, evidence used). */
  ALREADY_SETTLED: { status: 409, retryable: false },
  /** Chain: no lease has this id. */
  LEASE_NOT_FOUND: { status: 404, retryable: false },
  /** Chain: the lease has ended, was terminated or is closed, so it cannot be extended, terminated or settled (past its end). */
  LEASE_ENDED: { status: 409, retryable: false },
  /** Chain: the lease cannot be expired yet (its end plus the settlement grace is still ahead). */
  LEASE_NOT_EXPIRED: { status: 409, retryable: false },
  /** Chain: settling this usage would take more than the lease's remaining escrow. */
  ESCROW_EXCEEDED: { status: 409, retryable: false },
  /** Chain: the token is neither GRID nor an allowed stablecoin. */
  PAY_TOKEN_NOT_ALLOWED: { status: 400, retryable: false },
  /** Chain: a swap would deliver less than its minimum output. */
  SLIPPAGE: { status: 409, retryable: true },
  /** Rewards: a root was already posted for this (epoch, pool); roots are posted once. */
  REWARD_ROOT_ALREADY_POSTED: { status: 409, retryable: false },
  /** Rewards: no root was posted for this (epoch, pool) yet. */
  REWARD_ROOT_NOT_POSTED: { status: 404, retryable: false },
  /** Rewards: the epoch (hourly block or UTC day) has not ended; post after it. */
  REWARD_EPOCH_NOT_ENDED: { status: 409, retryable: false },
  /** Rewards: a root's total is above the pool's allowance under the emission schedule. */
  REWARD_ALLOWANCE_EXCEEDED: { status: 422, retryable: false },
  /** Rewards: the leaf was already claimed. */
  REWARD_ALREADY_CLAIMED: { status: 409, retryable: false },
  /** Rewards: the Merkle proof does not prove the leaf under the posted root. */
  REWARD_PROOF_INVALID: { status: 422, retryable: false },
  /** Rewards: the coordinator has not computed this hourly block (it has not ended, or is before genesis). */
  REWARD_BLOCK_NOT_FOUND: { status: 404, retryable: false },
  /** Rewards: the coordinator has not settled this UTC day's job shares (it has not ended, its challenge windows are open, or no job passed that day). */
  JOB_SHARE_DAY_NOT_FOUND: { status: 404, retryable: false },
  /** ProofRegistry: a root was already committed for this (epoch, kind). */
  PROOF_ALREADY_COMMITTED: { status: 409, retryable: false },
  /** Jobs: a dataset's bytes do not hash to the SHA-256 its spec names (`data.expected`, `data.actual`). */
  DATASET_HASH_MISMATCH: { status: 422, retryable: false },
  /** Jobs: a dataset upload would take its signer past its quota of unclaimed bytes (`data.usedBytes`, `data.quotaBytes`, `data.bytes`). */
  QUOTA_EXCEEDED: { status: 403, retryable: false },
  /** Jobs: a dataset upload would take the coordinator's shared pool of unclaimed uploads past its size (`data.unclaimedBytes`, `data.poolBytes`, `data.bytes`); room comes back as nodes submit results for jobs naming uploads and unclaimed ones expire. */
  UPLOAD_POOL_FULL: { status: 503, retryable: true },
  /** Worker and verifier: this machine's kernels or state hash do not reproduce the conformance vectors (`data.failures`), so its exact-mode results would disagree with the network's. */
  KERNEL_NONCONFORMANT: { status: 500, retryable: false },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

/** The closed union of error codes. Match errors on this, never on `instanceof`. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** All codes, for schema validation of wire errors. */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/**
 * The HTTP status that carries an error code.
 * @param code - an error code
 * @returns its HTTP status
 */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/**
 * Whether an operation that failed with this code may succeed if retried unchanged.
 * @param code - an error code
 */
export function isRetryableCode(code: ErrorCode): boolean {
  return ERROR_CODES[code].retryable;
}

/**
 * Whether a string is a known error code.
 * @param value - any string
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
