/**
 * Gas a write needs beyond its estimate per stake checkpoint it may write: Staking checkpoints
 * each stake it changes under the block's timestamp, and a write estimated in the second of an
 * account's last checkpoint is priced as updating it, but mined a second later it adds one
 * (about 22,300 gas more). Without the headroom such a write runs out of gas now and then.
 */
export const CHECKPOINT_GAS_HEADROOM = 25_000n;

/** The headroom of a write that changes an account's active stake: it checkpoints the account's and the device's ({@link CHECKPOINT_GAS_HEADROOM} each). */
export const STAKE_CHECKPOINTS_GAS_HEADROOM = 2n * CHECKPOINT_GAS_HEADROOM;

/**
 * The headroom of `setDevice`: the owner's checkpoint ({@link CHECKPOINT_GAS_HEADROOM}) and the
 * class record, two storage slots (about 41,000 gas more when added than when updated in place).
 */
export const DEVICE_RECORD_GAS_HEADROOM = 3n * CHECKPOINT_GAS_HEADROOM;
