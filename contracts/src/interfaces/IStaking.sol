// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStaking
/// @notice The part of Staking that Leases (SLA penalties) and Rewards (reward splits) call,
/// plus the events, custom errors and types of Staking.
interface IStaking {
    // ---------------------------------------------------------------- types

    /// @notice Where a slash stands: `Pending` during and after the appeal window until it is
    /// overturned (tokens refunded) or resolved (paid to the beneficiary or burned).
    enum SlashStatus {
        None,
        Pending,
        Overturned,
        Resolved
    }

    /// @notice A device as the registrar recorded it, with its co-stake terms.
    struct DeviceInfo {
        address owner;
        bytes32 hardwareClass;
        uint16 shareBps;
        bool offerOpen;
        uint256 ownerStake;
        uint256 coStake;
        uint256 pendingUnstake;
    }

    /// @notice An unstake request: `amount` is what is left of it after slashes (what withdraw pays).
    struct UnstakeRequest {
        bytes32 device;
        address account;
        uint64 unlocksAt;
        bool withdrawn;
        uint256 amount;
    }

    /// @notice A slash: `amount` was taken from the device's stakes and waits out the appeal window.
    struct SlashInfo {
        bytes32 device;
        address beneficiary;
        uint64 appealDeadline;
        SlashStatus status;
        uint256 amount;
        bytes32 evidence;
    }

    // ---------------------------------------------------------------- events

    /// @notice The registrar recorded `device`'s owner and hardware class.
    event DeviceSet(bytes32 indexed device, address indexed owner, bytes32 indexed hardwareClass, address previousOwner);
    /// @notice A hardware class got a new minimum-stake multiplier.
    event ClassMultiplierSet(bytes32 indexed hardwareClass, uint32 multiplierBps);
    /// @notice The owner added `amount` to its stake, which is now `ownerStake`.
    event Staked(bytes32 indexed device, address indexed owner, uint256 amount, uint256 ownerStake);
    /// @notice `account` co-staked `amount` on `device`; its co-stake is now `coStake`.
    event CoStaked(bytes32 indexed device, address indexed account, uint256 amount, uint256 coStake);
    /// @notice The owner opened (or re-opened) co-staking on `device` for `shareBps` of its rewards.
    event CoStakeOfferOpened(bytes32 indexed device, uint16 shareBps);
    /// @notice New co-stakes on `device` are no longer accepted (existing ones keep their terms).
    event CoStakeOfferClosed(bytes32 indexed device);
    /// @notice `amount` left `account`'s active stake into request `requestId`, which now holds
    /// `requestAmount` and unlocks at `unlocksAt`.
    event UnstakeRequested(
        uint256 indexed requestId, bytes32 indexed device, address indexed account, uint256 amount, uint256 requestAmount, uint64 unlocksAt
    );
    /// @notice Request `requestId` was paid out: `amount` to `account`.
    event Withdrawn(uint256 indexed requestId, bytes32 indexed device, address indexed account, uint256 amount);
    /// @notice `amount` (of `requested`) was taken from `device`'s stakes into pending slash `slashId`.
    event Slashed(
        uint256 indexed slashId,
        bytes32 indexed device,
        bytes32 indexed evidence,
        uint256 requested,
        uint256 amount,
        address beneficiary,
        uint64 appealDeadline
    );
    /// @notice Slash `slashId` was overturned on appeal: its `amount` is refundable to those it was taken from.
    event SlashOverturned(uint256 indexed slashId, bytes32 indexed device, uint256 amount);
    /// @notice Slash `slashId` was resolved: `amount` paid to `beneficiary`, or burned when `burned`.
    event SlashResolved(uint256 indexed slashId, bytes32 indexed device, address indexed beneficiary, uint256 amount, bool burned);
    /// @notice `account` was paid `amount` of refunds from overturned slashes.
    event RefundClaimed(address indexed account, uint256 amount);

    // ---------------------------------------------------------------- errors

    /// @notice A zero address was given where an account is required.
    error StakingZeroAddress();
    /// @notice The maximum number of co-stakers per device must be positive.
    error StakingInvalidMaxCoStakers(uint256 maxCoStakers);
    /// @notice The zero device id is not a device.
    error StakingInvalidDevice(bytes32 device);
    /// @notice No owner was ever recorded for `device`.
    error StakingUnknownDevice(bytes32 device);
    /// @notice Only the device's owner may do this; `account` is not it.
    error StakingNotDeviceOwner(bytes32 device, address account);
    /// @notice An amount must be positive.
    error StakingZeroAmount();
    /// @notice After this stake the device's active stake `stake` would still be below its `minimum`.
    error StakingBelowMinimum(bytes32 device, uint256 stake, uint256 minimum);
    /// @notice A co-stake must reach `minimum` (so co-staker slots cannot be filled with dust).
    error StakingBelowMinimumCoStake(bytes32 device, uint256 coStake, uint256 minimum);
    /// @notice The owner of a device can never co-stake on it.
    error StakingOwnerCannotCoStake(bytes32 device);
    /// @notice The device has no open co-stake offer.
    error StakingNoCoStakeOffer(bytes32 device);
    /// @notice A share must be between 1 and 10,000 basis points.
    error StakingInvalidShare(uint16 shareBps);
    /// @notice While co-stakes exist, the co-stakers' share cannot be lowered.
    error StakingShareDecrease(bytes32 device, uint16 currentBps, uint16 requestedBps);
    /// @notice The device already has `maxCoStakers` co-stakers.
    error StakingTooManyCoStakers(bytes32 device, uint256 maxCoStakers);
    /// @notice `account` has only `available` active stake on `device`, less than `requested`.
    error StakingInsufficientStake(bytes32 device, address account, uint256 requested, uint256 available);
    /// @notice No unstake request has this id.
    error StakingUnknownRequest(uint256 requestId);
    /// @notice Only the account that requested the unstake may withdraw it.
    error StakingNotRequester(uint256 requestId, address account);
    /// @notice The request was already paid out.
    error StakingAlreadyWithdrawn(uint256 requestId);
    /// @notice The request's cooldown runs until `unlocksAt`.
    error StakingCooldownActive(uint256 requestId, uint64 unlocksAt);
    /// @notice A slash needs a non-zero evidence hash.
    error StakingEvidenceMissing();
    /// @notice This evidence was already used by a slash (nothing is slashed twice for the same evidence).
    error StakingEvidenceUsed(bytes32 evidence);
    /// @notice The device has no active or pending stake to slash.
    error StakingNothingToSlash(bytes32 device);
    /// @notice No slash has this id.
    error StakingUnknownSlash(uint256 slashId);
    /// @notice The slash was already overturned or resolved.
    error StakingSlashNotPending(uint256 slashId, SlashStatus status);
    /// @notice The appeal window ended at `appealDeadline`: the slash can no longer be overturned.
    error StakingAppealWindowClosed(uint256 slashId, uint64 appealDeadline);
    /// @notice The appeal window runs until `appealDeadline`: the slash cannot be resolved yet.
    error StakingAppealWindowOpen(uint256 slashId, uint64 appealDeadline);
    /// @notice `account` has no refund to claim.
    error StakingNothingToRefund(address account);
    /// @notice `lowestStakeBetween` was asked of an interval that does not end after it begins.
    error StakingEmptyInterval(uint64 from, uint64 to);

    // ---------------------------------------------------------------- functions

    /// @notice Takes `amount` from the device's stakes pro rata (owner and co-stakers alike)
    /// into a pending slash that waits out the appeal window, then pays `beneficiary`
    /// (a harmed buyer) or is burned when `beneficiary` is the zero address. SLASHER_ROLE only.
    /// @return slashId the id of the pending slash
    function slash(bytes32 device, uint256 amount, bytes32 evidence, address beneficiary) external returns (uint256 slashId);

    /// @notice How a device's rewards are split: the owner keeps `10_000 - shareBps` of them;
    /// the co-stakers share `shareBps` in proportion to their co-stakes.
    function rewardSplit(bytes32 device)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes);

    /// @notice The device's split as it stood at `timepoint` (Unix seconds): its co-stakers of now,
    /// each with the co-stake it held then (those with none then are left out). Rewards splits a
    /// block by its start, so a co-stake added after a block began takes no part of it.
    function rewardSplitAt(bytes32 device, uint64 timepoint)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes);

    /// @notice The least active stake the device held at any moment of [`from`, `to`) (Unix seconds):
    /// its stake at `from` and after each change before `to`; 0 when it held none at `from`. The
    /// coordinator nominates a device for a block only if this, over the block, reaches its minimum
    /// at the block's start (`minimumStakeAt`).
    /// Its gas grows with the checkpoints in the interval (at most one per second): 3,600 in an
    /// hour measured 11.4 M gas on anvil, within common `eth_call` caps (geth: 50 M).
    function lowestStakeBetween(bytes32 device, uint64 from, uint64 to) external view returns (uint256);

    /// @notice The device's minimum stake as it stood at `timepoint` (Unix seconds): its class then,
    /// at that class's multiplier then; a device not yet recorded then has class 0's. The coordinator
    /// holds a block's lowest stake against this at the block's start, so a class change or a new
    /// multiplier applies from the first block that begins at or after it. A lowered minimum too:
    /// unstaking down to it during a block that began under the higher one costs that block.
    function minimumStakeAt(bytes32 device, uint64 timepoint) external view returns (uint256);

    /// @notice Whether the device's active stake reaches its minimum now (nomination asks
    /// `lowestStakeBetween` over each block against `minimumStakeAt` its start: a device below it at
    /// any time of a block earns none of it).
    function meetsMinimum(bytes32 device) external view returns (bool);

    /// @notice The device's active stake: the owner's stake plus all co-stakes (pending unstakes excluded).
    function stakeOf(bytes32 device) external view returns (uint256);

    /// @notice The owner's active stake on the device.
    function ownerStakeOf(bytes32 device) external view returns (uint256);

    /// @notice `account`'s active co-stake on the device (0 for the owner).
    function coStakeOf(bytes32 device, address account) external view returns (uint256);

    /// @notice `200 GRID × max(10_000, multiplierBps of the device's class) / 10_000`.
    function minimumStake(bytes32 device) external view returns (uint256);
}
