// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title ILeases
 * @notice Rental escrow of GPU leases. A buyer opens a lease on a set of devices for a duration
 * and pays its price into escrow plus fees; the coordinator (ORACLE_ROLE) settles metered usage
 * in batches, crediting each device's owner minus the supplier fee; when the lease ends
 * (naturally, or early by the buyer) and the oracle's final batch is in, the unused escrow is
 * refunded to the buyer.
 */
interface ILeases {
    /// @notice Where a lease is in its life.
    /// Active: open (its `end` may have passed); Terminated: ended early by the buyer, waiting
    /// for the oracle's final batch; Closed: the unused escrow was refunded, nothing more settles.
    enum LeaseState {
        None,
        Active,
        Terminated,
        Closed
    }

    /// @notice A lease as stored.
    struct Lease {
        address buyer;
        uint64 start;
        LeaseState state;
        address payToken;
        uint64 end;
        uint128 price;
        uint128 escrow;
        uint128 refunded;
    }

    /// @notice One metered period of one device of one lease, posted by the oracle.
    /// @dev `payee` is the device's owner as the coordinator knows it (it registers owners in
    /// Staking); the credit is recorded for `payee` to withdraw. Periods of a (lease, device)
    /// must come in time order and never overlap: `periodStart` ≥ the end of the last settled
    /// period, `periodEnd` ≤ min(lease end, now). A period of amount 0 is allowed (no usage).
    struct UsageRecord {
        uint256 leaseId;
        bytes32 device;
        address payee;
        uint64 periodStart;
        uint64 periodEnd;
        uint256 amount;
    }

    /// @notice `buyer` opened lease `leaseId` on `devices` from `start` to `end`, escrowing `price`
    /// of `payToken` and paying `bookingFee` and `stablecoinFee` (zero in GRID) to the FeeVault.
    event LeaseOpened(
        uint256 indexed leaseId,
        address indexed buyer,
        address indexed payToken,
        bytes32[] devices,
        uint64 start,
        uint64 end,
        uint256 price,
        uint256 bookingFee,
        uint256 stablecoinFee
    );

    /// @notice `amount` of lease `leaseId`'s escrow paid for `device`'s use over
    /// [`periodStart`, `periodEnd`): `amount - supplierFee` was credited to `payee`, `supplierFee` went to the FeeVault.
    event UsageSettled(
        uint256 indexed leaseId,
        bytes32 indexed device,
        address indexed payee,
        uint64 periodStart,
        uint64 periodEnd,
        uint256 amount,
        uint256 supplierFee
    );

    /// @notice The buyer extended lease `leaseId` to `newEnd`, escrowing `extraPrice` more and paying the fees.
    event LeaseExtended(uint256 indexed leaseId, uint64 newEnd, uint256 extraPrice, uint256 bookingFee, uint256 stablecoinFee);

    /// @notice The buyer ended lease `leaseId` early at `endedAt`; usage after it is never settled.
    /// `refund` is paid at once only when the settlement grace is zero, else later by `expire`.
    event LeaseTerminated(uint256 indexed leaseId, uint64 endedAt, uint256 refund);

    /// @notice Lease `leaseId` was closed and its unused escrow `refund` returned to `buyer`.
    event LeaseExpired(uint256 indexed leaseId, address indexed buyer, uint256 refund);

    /// @notice The oracle reported an SLA breach by `device` on lease `leaseId`: Staking slash `slashId`
    /// of `penalty`, for the buyer.
    event SlaBreachReported(uint256 indexed leaseId, bytes32 indexed device, uint256 penalty, bytes32 evidence, uint256 slashId);

    /// @notice `payee` withdrew `amount` of `token` credited to it by settlements.
    event EarningsWithdrawn(address indexed payee, address indexed token, uint256 amount);

    /// @notice The admin allowed or disallowed `token` (a stablecoin) as a pay token.
    event PayTokenSet(address indexed token, bool allowed);

    /// @notice The admin set the Staking contract SLA penalties are slashed through.
    event StakingSet(address indexed staking);

    /// @notice A zero address was given where an account or contract is required.
    error LeasesZeroAddress();

    /// @notice A rate above 10,000 bps was given.
    error LeasesRateTooHigh(uint16 bps);

    /// @notice `token` is neither GRID nor an allowed stablecoin.
    error LeasesTokenNotAllowed(address token);

    /// @notice A lease needs at least one device.
    error LeasesNoDevices();

    /// @notice A lease may hold at most `max` devices; `count` were given.
    error LeasesTooManyDevices(uint256 count, uint256 max);

    /// @notice `device` appears twice in a lease, or is the zero id.
    error LeasesInvalidDevice(bytes32 device);

    /// @notice A duration (or extra duration) of zero was given.
    error LeasesZeroDuration();

    /// @notice A price (or extra price) of zero was given.
    error LeasesZeroPrice();

    /// @notice No lease `leaseId` exists.
    error LeasesLeaseNotFound(uint256 leaseId);

    /// @notice Only the buyer of lease `leaseId` may do this; `caller` is not it.
    error LeasesNotBuyer(uint256 leaseId, address caller);

    /// @notice Lease `leaseId` ended at `end` (or was terminated): it cannot be extended or terminated.
    error LeasesLeaseEnded(uint256 leaseId, uint64 end);

    /// @notice Lease `leaseId` is closed (refunded): nothing more can be settled on it.
    error LeasesLeaseClosed(uint256 leaseId);

    /// @notice Lease `leaseId` cannot be expired before `availableAt` (its end plus the settlement grace).
    error LeasesNotExpired(uint256 leaseId, uint64 availableAt);

    /// @notice `device` is not one of lease `leaseId`'s devices.
    error LeasesDeviceNotInLease(uint256 leaseId, bytes32 device);

    /// @notice The period [`periodStart`, `periodEnd`) is empty or reversed.
    error LeasesInvalidPeriod(uint64 periodStart, uint64 periodEnd);

    /// @notice The period starting at `periodStart` overlaps what is already settled for the
    /// device on the lease (up to `settledUntil`): each moment is settled at most once.
    error LeasesPeriodAlreadySettled(uint256 leaseId, bytes32 device, uint64 periodStart, uint64 settledUntil);

    /// @notice The period ending at `periodEnd` goes past `limit`: the lease's end, or now.
    error LeasesPeriodOutsideLease(uint256 leaseId, uint64 periodEnd, uint64 limit);

    /// @notice Settling `amount` would exceed lease `leaseId`'s remaining escrow `escrow`.
    error LeasesEscrowExceeded(uint256 leaseId, uint256 amount, uint256 escrow);

    /// @notice A batch of usage records was empty.
    error LeasesNoRecords();

    /// @notice A penalty of zero was reported.
    error LeasesZeroPenalty();

    /// @notice This SLA evidence was already reported.
    error LeasesEvidenceAlreadyUsed(bytes32 evidence);

    /// @notice Nothing of `token` is credited to the caller.
    error LeasesNothingToWithdraw(address token);

    /// @notice Opens a lease; see the contract's NatSpec.
    function open(bytes32[] calldata devices, uint64 duration, uint256 price, address payToken) external returns (uint256 leaseId);

    /// @notice Settles a batch of usage records; ORACLE_ROLE only.
    function settleUsage(UsageRecord[] calldata records) external;

    /// @notice Extends a lease by `extraDuration` for `extraPrice` more; the buyer only.
    function extend(uint256 leaseId, uint64 extraDuration, uint256 extraPrice) external;

    /// @notice Ends a lease early; the buyer only.
    function terminate(uint256 leaseId) external;

    /// @notice Closes an ended lease and refunds its unused escrow to the buyer.
    function expire(uint256 leaseId) external;

    /// @notice Reports an SLA breach and slashes the device's stake for the buyer; ORACLE_ROLE only.
    function reportSlaBreach(uint256 leaseId, bytes32 device, uint256 penalty, bytes32 evidence) external returns (uint256 slashId);

    /// @notice Withdraws the caller's settled earnings in `token`.
    function withdraw(address token) external returns (uint256 amount);

    /// @notice The lease `leaseId` (all zero when it does not exist).
    function getLease(uint256 leaseId) external view returns (Lease memory);

    /// @notice The devices of lease `leaseId`.
    function devicesOf(uint256 leaseId) external view returns (bytes32[] memory);

    /// @notice Until when usage of `device` on lease `leaseId` is settled (zero: not a device of the lease).
    function settledUntil(uint256 leaseId, bytes32 device) external view returns (uint64);

    /// @notice How much of `token` settlements credited to `payee`, not yet withdrawn.
    function earnings(address payee, address token) external view returns (uint256);
}
