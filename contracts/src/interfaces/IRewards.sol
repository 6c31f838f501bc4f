// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRewards
/// @notice Block rewards and job-share rewards of Tensorgrid. The coordinator (ORACLE_ROLE) posts,
/// once per (epoch, pool), a Merkle root of what each device or account earned and its total;
/// the total never exceeds the pool's allowance under the emission schedule. Anyone may then
/// claim a leaf with its proof: GRID is minted to the device's owner and co-stakers
/// (by `IStaking.rewardSplitAt` at the block's start) or, for job shares, to the account. Each leaf pays once; unclaimed
/// rewards stay claimable forever.
/// Pools: 0 GPU and 1 CPU (epoch = hourly block counted from genesis), 2 job shares (epoch = UTC day,
/// `timestamp / 86400`). Leaves (OpenZeppelin standard tree): `(uint64 epoch, uint8 pool, bytes32 device, uint256 amount)`
/// for pools 0 and 1, `(uint64 day, uint8 2, bytes32 account, uint256 amount)` for pool 2, the account
/// left-padded: `bytes32(uint256(uint160(account)))`.
interface IRewards {
    /// @notice A root of payouts was posted for `(epoch, pool)`, promising `total` in all.
    event RootPosted(uint64 indexed epoch, uint8 indexed pool, bytes32 root, uint256 total);

    /// @notice A leaf was claimed (by `caller`, who need not be the beneficiary).
    event RewardClaimed(uint64 indexed epoch, uint8 indexed pool, bytes32 indexed beneficiary, uint256 amount, address caller);

    /// @notice GRID was minted to `to` as its part of a claimed leaf of `beneficiary` (a device or an account).
    event RewardPaid(uint64 indexed epoch, uint8 indexed pool, bytes32 indexed beneficiary, address to, uint256 amount);

    /// @notice A zero address was given where a contract or account is required.
    error RewardsZeroAddress();
    /// @notice The job-share pool's share of emission is above 100%.
    error RewardsInvalidJobShare(uint16 jobShareBps);
    /// @notice The pool is not 0 (GPU), 1 (CPU) or 2 (job shares).
    error RewardsUnknownPool(uint8 pool);
    /// @notice A root must be non-zero and promise a non-zero total.
    error RewardsEmptyRoot(uint64 epoch, uint8 pool);
    /// @notice `(epoch, pool)` already has a root: roots are posted once.
    error RewardsRootAlreadyPosted(uint64 epoch, uint8 pool);
    /// @notice The epoch (hourly block or UTC day) has not ended yet.
    error RewardsEpochNotEnded(uint64 epoch, uint8 pool, uint256 endsAt);
    /// @notice A job-share day before the Rewards genesis day earns nothing.
    error RewardsEpochBeforeGenesis(uint64 day, uint64 genesisDay);
    /// @notice The root's total is above the pool's allowance for the epoch.
    error RewardsAllowanceExceeded(uint64 epoch, uint8 pool, uint256 total, uint256 allowance);
    /// @notice No root was posted for `(epoch, pool)`.
    error RewardsRootNotPosted(uint64 epoch, uint8 pool);
    /// @notice A leaf with a zero amount pays nothing.
    error RewardsZeroAmount(uint64 epoch, uint8 pool, bytes32 beneficiary);
    /// @notice The leaf was already claimed.
    error RewardsAlreadyClaimed(uint64 epoch, uint8 pool, bytes32 beneficiary, uint256 amount);
    /// @notice The proof does not prove the leaf under the posted root.
    error RewardsInvalidProof(uint64 epoch, uint8 pool, bytes32 beneficiary, uint256 amount);
    /// @notice Paying the leaf would pay more than the root's total (the tree promised more than its total).
    error RewardsTotalExceeded(uint64 epoch, uint8 pool, uint256 claimedAfter, uint256 total);
    /// @notice A job-share account is not a left-padded, non-zero address.
    error RewardsInvalidAccount(bytes32 account);
    /// @notice Staking knows no owner for the device.
    error RewardsDeviceWithoutOwner(bytes32 device);
    /// @notice Staking returned an unusable split (share above 100%, lengths that differ, a zero co-staker).
    error RewardsInvalidSplit(bytes32 device);

    /// @notice Posts the root of `(epoch, pool)`'s payouts and their total. ORACLE_ROLE only; once per
    /// (epoch, pool); only after the epoch ended; `total` at most `allowanceOf(epoch, pool)`.
    /// @param epoch The hourly block (pools 0 and 1) or the UTC day (pool 2).
    /// @param pool 0 GPU, 1 CPU, 2 job shares.
    /// @param root The standard Merkle tree root of the leaves.
    /// @param total The sum of the leaves' amounts.
    function postRoot(uint64 epoch, uint8 pool, bytes32 root, uint256 total) external;

    /// @notice Claims one leaf and mints its amount to its beneficiaries; anyone may call it.
    /// @param epoch The leaf's epoch.
    /// @param pool The leaf's pool.
    /// @param beneficiary The device id (pools 0, 1) or the left-padded account (pool 2).
    /// @param amount The leaf's amount.
    /// @param proof The Merkle proof of the leaf.
    function claim(uint64 epoch, uint8 pool, bytes32 beneficiary, uint256 amount, bytes32[] calldata proof) external;

    /// @notice The most `postRoot` accepts as the total of `(epoch, pool)`.
    function allowanceOf(uint64 epoch, uint8 pool) external view returns (uint256);

    /// @notice The posted root of `(epoch, pool)` (zero when none), its total and how much of it was claimed.
    function rootOf(uint64 epoch, uint8 pool) external view returns (bytes32 root, uint256 total, uint256 claimed);

    /// @notice Whether the leaf was claimed.
    function isClaimed(uint64 epoch, uint8 pool, bytes32 beneficiary, uint256 amount) external view returns (bool);
}
