// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IFeeVault} from "./interfaces/IFeeVault.sol";
import {ILeases} from "./interfaces/ILeases.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title Leases
 * @notice Rental escrow of GPU leases.
 * - `open`: the buyer pays `price + bookingFee + stablecoinFee` (the last only when paying in a
 *   stablecoin); the fees go to the FeeVault at once, the price sits in escrow.
 * - `settleUsage`: the oracle posts metered usage in batches; each record moves its amount out of
 *   the lease's escrow, credits the payee `amount - supplierFee` (withdrawn with `withdraw`: pull,
 *   so one unpayable supplier never blocks a batch) and sends the supplier fee to the FeeVault.
 *   Each moment of each (lease, device) is settled at most once, and never beyond the escrow
 *   (the record reverts, so the oracle sees its error instead of a silent cap).
 * - `terminate`: the buyer ends the lease now: nothing after this moment can be settled. The
 *   oracle then has `settlementGrace` seconds to post the final batch (usage up to termination).
 * - `expire`: after a lease's end plus the grace anyone may close it, the oracle at once after its
 *   end (having posted the final batch): the unused escrow is refunded to the buyer.
 * - `reportSlaBreach`: the oracle slashes a leased device's stake in Staking for the buyer.
 * Fees are rounded up (charges), credits down. Rates are basis points fixed at deployment.
 * Pay tokens are GRID and stablecoins on the admin's allow-list: only plain ERC20s (no fee on
 * transfer, no rebasing) may be allowed, since amounts are accounted as sent.
 */
contract Leases is ILeases, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice The coordinator: settles usage and reports SLA breaches.
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");

    /// @notice FeeVault kinds of the three fees.
    bytes32 public constant BOOKING_FEE_KIND = keccak256("lease.booking");
    /// @notice See BOOKING_FEE_KIND.
    bytes32 public constant STABLECOIN_FEE_KIND = keccak256("lease.stablecoin");
    /// @notice See BOOKING_FEE_KIND.
    bytes32 public constant SUPPLIER_FEE_KIND = keccak256("lease.supplier");

    /// @notice The most devices one lease may hold (bounds the gas of `open`); larger clusters open several leases.
    uint256 public constant MAX_DEVICES = 256;

    uint16 private constant BPS = 10_000;

    /// @notice GRID: always a pay token, and free of the stablecoin fee.
    address public immutable grid;
    /// @notice Where fees go.
    IFeeVault public immutable feeVault;
    /// @notice Booking fee charged to the buyer on the price (default 25 = 0.25%).
    uint16 public immutable bookingFeeBps;
    /// @notice Supplier fee taken from each settled amount (default 25 = 0.25%).
    uint16 public immutable supplierFeeBps;
    /// @notice Fee charged to the buyer on the price when paying in a stablecoin (default 200 = 2%).
    uint16 public immutable stablecoinFeeBps;
    /// @notice Seconds after a lease's end during which only the oracle may close it (its final batch).
    uint64 public immutable settlementGrace;

    /// @notice Staking, slashed on SLA breaches (zero until set).
    IStaking public staking;
    /// @notice How many leases were opened; lease ids run from 1.
    uint256 public leaseCount;

    mapping(address token => bool) private _stablecoins;
    mapping(uint256 leaseId => Lease) private _leases;
    mapping(uint256 leaseId => bytes32[]) private _devices;
    mapping(uint256 leaseId => mapping(bytes32 device => uint64)) private _settledUntil;
    mapping(address payee => mapping(address token => uint256)) private _earnings;
    mapping(bytes32 evidence => bool) private _evidenceUsed;

    /// @dev Supplier fees of one settleUsage batch, per token.
    struct FeeTotal {
        address token;
        uint256 amount;
    }

    /**
     * @notice Deploys Leases.
     * @param grid_ The GRID token.
     * @param feeVault_ The FeeVault fees are paid to.
     * @param staking_ Staking for SLA slashes (may be zero and set later with `setStaking`).
     * @param admin The account given DEFAULT_ADMIN_ROLE (allows pay tokens, grants ORACLE_ROLE).
     * @param bookingFeeBps_ Booking fee in bps (default 25).
     * @param supplierFeeBps_ Supplier fee in bps (default 25).
     * @param stablecoinFeeBps_ Stablecoin fee in bps (default 200).
     * @param settlementGrace_ Seconds the oracle has after a lease's end for its final batch (e.g. 3600).
     */
    constructor(
        address grid_,
        IFeeVault feeVault_,
        IStaking staking_,
        address admin,
        uint16 bookingFeeBps_,
        uint16 supplierFeeBps_,
        uint16 stablecoinFeeBps_,
        uint64 settlementGrace_
    ) {
        if (grid_ == address(0) || address(feeVault_) == address(0) || admin == address(0)) revert LeasesZeroAddress();
        if (bookingFeeBps_ > BPS) revert LeasesRateTooHigh(bookingFeeBps_);
        if (supplierFeeBps_ > BPS) revert LeasesRateTooHigh(supplierFeeBps_);
        if (stablecoinFeeBps_ > BPS) revert LeasesRateTooHigh(stablecoinFeeBps_);
        grid = grid_;
        feeVault = feeVault_;
        staking = staking_;
        bookingFeeBps = bookingFeeBps_;
        supplierFeeBps = supplierFeeBps_;
        stablecoinFeeBps = stablecoinFeeBps_;
        settlementGrace = settlementGrace_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /**
     * @notice Opens a lease on `devices` from now for `duration` seconds. The caller (the buyer)
     * pays `price` into escrow plus the booking fee and, unless `payToken` is GRID, the
     * stablecoin fee; it must have approved this contract for the total.
     * @param devices The leased devices (1 to MAX_DEVICES distinct non-zero ids).
     * @param duration The lease's length in seconds.
     * @param price The rental price escrowed, in `payToken` base units.
     * @param payToken GRID or an allowed stablecoin.
     * @return leaseId The new lease's id.
     */
    function open(bytes32[] calldata devices, uint64 duration, uint256 price, address payToken)
        external
        nonReentrant
        returns (uint256 leaseId)
    {
        if (!isPayToken(payToken)) revert LeasesTokenNotAllowed(payToken);
        uint256 count = devices.length;
        if (count == 0) revert LeasesNoDevices();
        if (count > MAX_DEVICES) revert LeasesTooManyDevices(count, MAX_DEVICES);
        if (duration == 0) revert LeasesZeroDuration();
        if (price == 0) revert LeasesZeroPrice();

        leaseId = ++leaseCount;
        uint64 start = uint64(block.timestamp);
        _addDevices(leaseId, devices, start);
        uint128 price128 = price.toUint128();
        _leases[leaseId] = Lease({
            buyer: msg.sender,
            start: start,
            state: LeaseState.Active,
            payToken: payToken,
            end: start + duration,
            price: price128,
            escrow: price128,
            refunded: 0
        });
        (uint256 bookingFee, uint256 stablecoinFee) = _emitOpened(leaseId, devices, price);

        IERC20(payToken).safeTransferFrom(msg.sender, address(this), price + bookingFee + stablecoinFee);
        _payFee(payToken, bookingFee, BOOKING_FEE_KIND);
        _payFee(payToken, stablecoinFee, STABLECOIN_FEE_KIND);
    }

    /**
     * @notice Settles a batch of usage records, across any leases, devices and periods.
     * ORACLE_ROLE only. The whole batch reverts if any record is invalid: its lease is missing
     * or closed, its device is not the lease's, its payee is zero, its period is empty,
     * overlaps what was settled for that (lease, device), ends after the lease's end or after
     * now, or its amount exceeds the lease's remaining escrow.
     * @param records The usage records (see ILeases.UsageRecord).
     */
    function settleUsage(UsageRecord[] calldata records) external onlyRole(ORACLE_ROLE) nonReentrant {
        uint256 count = records.length;
        if (count == 0) revert LeasesNoRecords();
        FeeTotal[] memory fees = new FeeTotal[](count);
        uint256 feeTokens;
        for (uint256 i; i < count; ++i) {
            UsageRecord calldata r = records[i];
            Lease storage lease = _settleOne(r);
            address token = lease.payToken;
            uint256 fee = Math.mulDiv(r.amount, supplierFeeBps, BPS, Math.Rounding.Ceil);
            _earnings[r.payee][token] += r.amount - fee;
            emit UsageSettled(r.leaseId, r.device, r.payee, r.periodStart, r.periodEnd, r.amount, fee);
            uint256 j;
            while (j < feeTokens && fees[j].token != token) ++j;
            if (j == feeTokens) fees[feeTokens++].token = token;
            fees[j].amount += fee;
        }
        for (uint256 j; j < feeTokens; ++j) {
            _payFee(fees[j].token, fees[j].amount, SUPPLIER_FEE_KIND);
        }
    }

    /**
     * @notice Extends an unended lease by `extraDuration` seconds for `extraPrice` more escrow,
     * plus the booking fee (and the stablecoin fee) on it. The buyer only.
     * @param leaseId The lease.
     * @param extraDuration Seconds added to its end.
     * @param extraPrice Price added to its escrow, in its pay token.
     */
    function extend(uint256 leaseId, uint64 extraDuration, uint256 extraPrice) external nonReentrant {
        Lease storage lease = _buyersUnendedLease(leaseId);
        if (extraDuration == 0) revert LeasesZeroDuration();
        if (extraPrice == 0) revert LeasesZeroPrice();
        uint64 newEnd = lease.end + extraDuration;
        uint128 extra = extraPrice.toUint128();
        lease.end = newEnd;
        lease.price = (uint256(lease.price) + extra).toUint128();
        lease.escrow += extra;
        address payToken = lease.payToken;
        (uint256 bookingFee, uint256 stablecoinFee) = _buyerFees(extraPrice, payToken);
        emit LeaseExtended(leaseId, newEnd, extraPrice, bookingFee, stablecoinFee);

        IERC20(payToken).safeTransferFrom(msg.sender, address(this), extraPrice + bookingFee + stablecoinFee);
        _payFee(payToken, bookingFee, BOOKING_FEE_KIND);
        _payFee(payToken, stablecoinFee, STABLECOIN_FEE_KIND);
    }

    /**
     * @notice Ends an unended lease now. The buyer only. Usage after now can never be settled;
     * the oracle posts usage up to now within `settlementGrace`, then `expire` refunds the rest
     * (at once here when the grace is zero).
     * @param leaseId The lease.
     */
    function terminate(uint256 leaseId) external nonReentrant {
        Lease storage lease = _buyersUnendedLease(leaseId);
        uint64 endedAt = uint64(block.timestamp);
        lease.end = endedAt;
        lease.state = LeaseState.Terminated;
        if (settlementGrace != 0) {
            emit LeaseTerminated(leaseId, endedAt, 0);
            return;
        }
        (address buyer, address token, uint256 refund) = _close(lease);
        emit LeaseTerminated(leaseId, endedAt, refund);
        if (refund != 0) IERC20(token).safeTransfer(buyer, refund);
    }

    /**
     * @notice Closes an ended lease and refunds its unused escrow to the buyer. Anyone may call it
     * from the lease's end plus `settlementGrace`; ORACLE_ROLE from the lease's end (once it has
     * posted the final batch).
     * @param leaseId The lease (Active past its end, or Terminated).
     */
    function expire(uint256 leaseId) external nonReentrant {
        Lease storage lease = _existing(leaseId);
        if (lease.state == LeaseState.Closed) revert LeasesLeaseClosed(leaseId);
        uint64 availableAt = hasRole(ORACLE_ROLE, msg.sender) ? lease.end : lease.end + settlementGrace;
        if (block.timestamp < availableAt) revert LeasesNotExpired(leaseId, availableAt);
        (address buyer, address token, uint256 refund) = _close(lease);
        emit LeaseExpired(leaseId, buyer, refund);
        if (refund != 0) IERC20(token).safeTransfer(buyer, refund);
    }

    /**
     * @notice Reports that `device` broke lease `leaseId`'s SLA: slashes `penalty` of its stake
     * in Staking, paid to the buyer once the appeal window passes. ORACLE_ROLE only; each
     * evidence hash once.
     * @param leaseId The lease (in any state: a breach may be found after the end).
     * @param device One of the lease's devices.
     * @param penalty The stake to slash, in GRID base units.
     * @param evidence A unique hash of the evidence (its data is off chain).
     * @return slashId Staking's id of the pending slash.
     */
    function reportSlaBreach(uint256 leaseId, bytes32 device, uint256 penalty, bytes32 evidence)
        external
        onlyRole(ORACLE_ROLE)
        nonReentrant
        returns (uint256 slashId)
    {
        Lease storage lease = _existing(leaseId);
        if (_settledUntil[leaseId][device] == 0) revert LeasesDeviceNotInLease(leaseId, device);
        if (penalty == 0) revert LeasesZeroPenalty();
        if (_evidenceUsed[evidence]) revert LeasesEvidenceAlreadyUsed(evidence);
        IStaking staking_ = staking;
        if (address(staking_) == address(0)) revert LeasesZeroAddress();
        _evidenceUsed[evidence] = true;
        slashId = staking_.slash(device, penalty, evidence, lease.buyer);
        emit SlaBreachReported(leaseId, device, penalty, evidence, slashId);
    }

    /**
     * @notice Withdraws all the caller's settled earnings in `token`.
     * @param token The pay token.
     * @return amount What was sent.
     */
    function withdraw(address token) external nonReentrant returns (uint256 amount) {
        amount = _earnings[msg.sender][token];
        if (amount == 0) revert LeasesNothingToWithdraw(token);
        _earnings[msg.sender][token] = 0;
        emit EarningsWithdrawn(msg.sender, token, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /**
     * @notice Allows or disallows a stablecoin as a pay token. DEFAULT_ADMIN_ROLE only. GRID is
     * always allowed and cannot be listed. Disallowing stops new leases only: open leases in it
     * settle and refund as usual.
     * @param token A plain ERC20 stablecoin (no fee on transfer, no rebasing).
     * @param allowed Whether new leases may pay in it.
     */
    function setPayToken(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == address(0)) revert LeasesZeroAddress();
        if (token == grid) revert LeasesTokenNotAllowed(token);
        _stablecoins[token] = allowed;
        emit PayTokenSet(token, allowed);
    }

    /**
     * @notice Sets the Staking contract SLA breaches slash through. DEFAULT_ADMIN_ROLE only.
     * @param staking_ Staking (this contract needs its SLASHER_ROLE).
     */
    function setStaking(IStaking staking_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(staking_) == address(0)) revert LeasesZeroAddress();
        staking = staking_;
        emit StakingSet(address(staking_));
    }

    /// @notice Whether `token` may pay for new leases (GRID, or an allowed stablecoin).
    /// @param token The token.
    /// @return Whether it is allowed.
    function isPayToken(address token) public view returns (bool) {
        return token == grid || _stablecoins[token];
    }

    /// @inheritdoc ILeases
    function getLease(uint256 leaseId) external view returns (Lease memory) {
        return _leases[leaseId];
    }

    /// @inheritdoc ILeases
    function devicesOf(uint256 leaseId) external view returns (bytes32[] memory) {
        return _devices[leaseId];
    }

    /// @inheritdoc ILeases
    function settledUntil(uint256 leaseId, bytes32 device) external view returns (uint64) {
        return _settledUntil[leaseId][device];
    }

    /// @inheritdoc ILeases
    function earnings(address payee, address token) external view returns (uint256) {
        return _earnings[payee][token];
    }

    /// @dev Records the lease's devices, each settled until the lease's start (zero marks a non-member).
    function _addDevices(uint256 leaseId, bytes32[] calldata devices, uint64 start) private {
        mapping(bytes32 => uint64) storage until = _settledUntil[leaseId];
        for (uint256 i; i < devices.length; ++i) {
            bytes32 device = devices[i];
            if (device == bytes32(0) || until[device] != 0) revert LeasesInvalidDevice(device);
            until[device] = start;
        }
        _devices[leaseId] = devices;
    }

    /// @dev Emits LeaseOpened (split out of `open` for the stack) and returns the buyer's fees.
    function _emitOpened(uint256 leaseId, bytes32[] calldata devices, uint256 price)
        private
        returns (uint256 bookingFee, uint256 stablecoinFee)
    {
        Lease storage lease = _leases[leaseId];
        address payToken = lease.payToken;
        (bookingFee, stablecoinFee) = _buyerFees(price, payToken);
        emit LeaseOpened(leaseId, lease.buyer, payToken, devices, lease.start, lease.end, price, bookingFee, stablecoinFee);
    }

    /// @dev Checks one usage record and applies its effects on the lease and the device's settled mark.
    function _settleOne(UsageRecord calldata r) private returns (Lease storage lease) {
        lease = _existing(r.leaseId);
        if (lease.state == LeaseState.Closed) revert LeasesLeaseClosed(r.leaseId);
        uint64 until = _settledUntil[r.leaseId][r.device];
        if (until == 0) revert LeasesDeviceNotInLease(r.leaseId, r.device);
        if (r.payee == address(0)) revert LeasesZeroAddress();
        if (r.periodEnd <= r.periodStart) revert LeasesInvalidPeriod(r.periodStart, r.periodEnd);
        if (r.periodStart < until) revert LeasesPeriodAlreadySettled(r.leaseId, r.device, r.periodStart, until);
        uint64 limit = lease.end;
        if (block.timestamp < limit) limit = uint64(block.timestamp);
        if (r.periodEnd > limit) revert LeasesPeriodOutsideLease(r.leaseId, r.periodEnd, limit);
        uint128 escrow = lease.escrow;
        if (r.amount > escrow) revert LeasesEscrowExceeded(r.leaseId, r.amount, escrow);
        _settledUntil[r.leaseId][r.device] = r.periodEnd;
        lease.escrow = escrow - uint128(r.amount);
    }

    /// @dev Marks a lease closed and empties its escrow; the caller sends the refund.
    function _close(Lease storage lease) private returns (address buyer, address token, uint256 refund) {
        refund = lease.escrow;
        lease.escrow = 0;
        lease.refunded = uint128(refund);
        lease.state = LeaseState.Closed;
        return (lease.buyer, lease.payToken, refund);
    }

    function _existing(uint256 leaseId) private view returns (Lease storage lease) {
        lease = _leases[leaseId];
        if (lease.state == LeaseState.None) revert LeasesLeaseNotFound(leaseId);
    }

    /// @dev The caller's lease, Active and before its end.
    function _buyersUnendedLease(uint256 leaseId) private view returns (Lease storage lease) {
        lease = _existing(leaseId);
        if (lease.buyer != msg.sender) revert LeasesNotBuyer(leaseId, msg.sender);
        if (lease.state != LeaseState.Active || block.timestamp >= lease.end) revert LeasesLeaseEnded(leaseId, lease.end);
    }

    function _buyerFees(uint256 price, address payToken) private view returns (uint256 bookingFee, uint256 stablecoinFee) {
        bookingFee = Math.mulDiv(price, bookingFeeBps, BPS, Math.Rounding.Ceil);
        stablecoinFee = payToken == grid ? 0 : Math.mulDiv(price, stablecoinFeeBps, BPS, Math.Rounding.Ceil);
    }

    function _payFee(address token, uint256 amount, bytes32 kind) private {
        if (amount == 0) return;
        IERC20(token).forceApprove(address(feeVault), amount);
        feeVault.collect(token, amount, kind);
    }
}
