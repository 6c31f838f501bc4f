// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {EmissionSchedule} from "./EmissionSchedule.sol";
import {IGridToken} from "./interfaces/IGridToken.sol";
import {IRewards} from "./interfaces/IRewards.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title Rewards
 * @notice Mints the 300M GRID of rewards on claim, within the emission schedule.
 * Genesis is the start of the UTC day of deployment, so hourly blocks (`(timestamp - genesis) / 3600`)
 * align with UTC hours and days, and a 30-day month holds exactly 30 UTC days.
 * Each block's emission (EmissionSchedule) is split: `jobShareBps` of it (rounded down) goes to the
 * job-share pool of its UTC day; of the rest, 95% (rounded down) to the GPU pool and the remainder
 * (5%) to the CPU pool. So the allowances of all pools never sum above the schedule.
 */
contract Rewards is IRewards, AccessControl, ReentrancyGuard {
    /// @notice The coordinator, which posts roots.
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @notice Pool 0: GPU devices, 95% of each block's device emission.
    uint8 public constant POOL_GPU = 0;
    /// @notice Pool 1: CPU devices, the other 5%.
    uint8 public constant POOL_CPU = 1;
    /// @notice Pool 2: job shares of a UTC day.
    uint8 public constant POOL_JOB_SHARES = 2;
    /// @notice The GPU pool's share of a block's device emission, in basis points.
    uint16 public constant GPU_POOL_BPS = 9_500;
    uint256 private constant BPS = 10_000;
    uint256 private constant BLOCK_SECONDS = 3_600;
    uint256 private constant DAY_SECONDS = 86_400;
    uint256 private constant DAYS_PER_MONTH = 30;

    /// @notice GRID; this contract holds its MINTER_ROLE.
    IGridToken public immutable token;
    /// @notice Where device reward splits are read.
    IStaking public immutable staking;
    /// @notice The start of block 0: midnight UTC of the deployment day.
    uint64 public immutable genesis;
    /// @notice The UTC day of genesis (`genesis / 86400`).
    uint64 public immutable genesisDay;
    /// @notice The job-share pool's share of each block's emission, in basis points.
    uint16 public immutable jobShareBps;

    struct Posted {
        bytes32 root;
        uint128 total;
        uint128 claimed;
    }

    mapping(uint64 epoch => mapping(uint8 pool => Posted)) private _posted;
    mapping(bytes32 leaf => bool) private _claimedLeaves;

    /// @notice The sum of every posted root's total.
    uint256 public totalPosted;
    /// @notice All GRID this contract minted.
    uint256 public totalMinted;

    /**
     * @notice Deploys Rewards; the admin then grants it MINTER_ROLE on GRID.
     * @param token_ GRID.
     * @param staking_ The Staking contract (reward splits).
     * @param admin Gets DEFAULT_ADMIN_ROLE.
     * @param oracle Gets ORACLE_ROLE.
     * @param jobShareBps_ The job-share pool's share of emission, at most 10,000 (the devnet uses 1,000).
     */
    constructor(IGridToken token_, IStaking staking_, address admin, address oracle, uint16 jobShareBps_) {
        if (address(token_) == address(0) || address(staking_) == address(0) || admin == address(0) || oracle == address(0)) {
            revert RewardsZeroAddress();
        }
        if (jobShareBps_ > BPS) revert RewardsInvalidJobShare(jobShareBps_);
        token = token_;
        staking = staking_;
        jobShareBps = jobShareBps_;
        genesisDay = uint64(block.timestamp / DAY_SECONDS);
        genesis = uint64((block.timestamp / DAY_SECONDS) * DAY_SECONDS);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ORACLE_ROLE, oracle);
    }

    // ---------------------------------------------------------------- posting

    /// @inheritdoc IRewards
    function postRoot(uint64 epoch, uint8 pool, bytes32 root, uint256 total) external onlyRole(ORACLE_ROLE) {
        if (pool > POOL_JOB_SHARES) revert RewardsUnknownPool(pool);
        if (root == bytes32(0) || total == 0) revert RewardsEmptyRoot(epoch, pool);
        Posted storage p = _posted[epoch][pool];
        if (p.root != bytes32(0)) revert RewardsRootAlreadyPosted(epoch, pool);
        uint256 endsAt = _endOf(epoch, pool);
        if (block.timestamp < endsAt) revert RewardsEpochNotEnded(epoch, pool, endsAt);
        uint256 allowance = allowanceOf(epoch, pool);
        if (total > allowance) revert RewardsAllowanceExceeded(epoch, pool, total, allowance);

        p.root = root;
        p.total = uint128(total); // total <= allowance < 2^128
        totalPosted += total;
        emit RootPosted(epoch, pool, root, total);
    }

    // ---------------------------------------------------------------- claiming

    /// @inheritdoc IRewards
    function claim(uint64 epoch, uint8 pool, bytes32 beneficiary, uint256 amount, bytes32[] calldata proof) external nonReentrant {
        // Checks.
        if (pool > POOL_JOB_SHARES) revert RewardsUnknownPool(pool);
        Posted storage p = _posted[epoch][pool];
        bytes32 root = p.root;
        if (root == bytes32(0)) revert RewardsRootNotPosted(epoch, pool);
        if (amount == 0) revert RewardsZeroAmount(epoch, pool, beneficiary);
        bytes32 leaf = leafHash(epoch, pool, beneficiary, amount);
        if (_claimedLeaves[leaf]) revert RewardsAlreadyClaimed(epoch, pool, beneficiary, amount);
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert RewardsInvalidProof(epoch, pool, beneficiary, amount);
        uint256 claimedAfter = uint256(p.claimed) + amount;
        if (claimedAfter > p.total) revert RewardsTotalExceeded(epoch, pool, claimedAfter, p.total);
        address account;
        if (pool == POOL_JOB_SHARES) account = _accountOf(beneficiary);

        // Effects.
        _claimedLeaves[leaf] = true;
        p.claimed = uint128(claimedAfter); // <= total < 2^128
        totalMinted += amount;
        emit RewardClaimed(epoch, pool, beneficiary, amount, msg.sender);

        // Interactions: a view of Staking, then mints of GRID (no receiver hooks).
        if (pool == POOL_JOB_SHARES) {
            _pay(epoch, pool, beneficiary, account, amount);
        } else {
            _payDevice(epoch, pool, beneficiary, amount);
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRewards
    function allowanceOf(uint64 epoch, uint8 pool) public view returns (uint256) {
        if (pool == POOL_JOB_SHARES) {
            if (epoch < genesisDay) return 0;
            return _dayJobShareAllowance(uint256(epoch) - genesisDay);
        }
        if (pool > POOL_JOB_SHARES) return 0;
        uint256 device = _deviceEmission(EmissionSchedule.blockEmission(epoch));
        uint256 gpu = (device * GPU_POOL_BPS) / BPS;
        return pool == POOL_GPU ? gpu : device - gpu;
    }

    /// @inheritdoc IRewards
    function rootOf(uint64 epoch, uint8 pool) external view returns (bytes32 root, uint256 total, uint256 claimed) {
        Posted storage p = _posted[epoch][pool];
        return (p.root, p.total, p.claimed);
    }

    /// @inheritdoc IRewards
    function isClaimed(uint64 epoch, uint8 pool, bytes32 beneficiary, uint256 amount) external view returns (bool) {
        return _claimedLeaves[leafHash(epoch, pool, beneficiary, amount)];
    }

    /// @notice The standard-tree leaf hash: `keccak256(bytes.concat(keccak256(abi.encode(epoch, pool, beneficiary, amount))))`.
    function leafHash(uint64 epoch, uint8 pool, bytes32 beneficiary, uint256 amount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(epoch, pool, beneficiary, amount))));
    }

    /// @notice The hourly block now (counted from genesis).
    function currentBlock() external view returns (uint64) {
        return uint64((block.timestamp - genesis) / BLOCK_SECONDS);
    }

    /// @notice Month `month`'s emission (EmissionSchedule).
    function monthEmission(uint256 month) external pure returns (uint256) {
        return EmissionSchedule.monthEmission(month);
    }

    /// @notice Each ordinary hourly block's emission in month `month` (EmissionSchedule).
    function hourlyAllowance(uint256 month) external pure returns (uint256) {
        return EmissionSchedule.hourlyAllowance(month);
    }

    /// @notice Block `blockIndex`'s whole emission, all pools together (EmissionSchedule).
    function blockEmission(uint64 blockIndex) external pure returns (uint256) {
        return EmissionSchedule.blockEmission(blockIndex);
    }

    // ---------------------------------------------------------------- internals

    function _endOf(uint64 epoch, uint8 pool) private view returns (uint256) {
        if (pool == POOL_JOB_SHARES) {
            if (epoch < genesisDay) revert RewardsEpochBeforeGenesis(epoch, genesisDay);
            return (uint256(epoch) + 1) * DAY_SECONDS;
        }
        return _blockStart(epoch) + BLOCK_SECONDS;
    }

    /// @dev When device block `epoch` begins (its rewards are split as the stakes stood then).
    function _blockStart(uint64 epoch) private view returns (uint256) {
        return uint256(genesis) + uint256(epoch) * BLOCK_SECONDS;
    }

    function _deviceEmission(uint256 emission) private view returns (uint256) {
        return emission - (emission * jobShareBps) / BPS;
    }

    /// @dev The job-share slices of the day's 24 blocks; only a month's last day has a block with the month's remainder.
    function _dayJobShareAllowance(uint256 dayIndex) private view returns (uint256) {
        uint256 emission = EmissionSchedule.monthEmission(dayIndex / DAYS_PER_MONTH);
        uint256 base = emission / EmissionSchedule.HOURS_PER_MONTH;
        uint256 slice = (base * jobShareBps) / BPS;
        if (dayIndex % DAYS_PER_MONTH != DAYS_PER_MONTH - 1) return 24 * slice;
        uint256 last = base + (emission % EmissionSchedule.HOURS_PER_MONTH);
        return 23 * slice + (last * jobShareBps) / BPS;
    }

    function _accountOf(bytes32 beneficiary) private pure returns (address) {
        uint256 raw = uint256(beneficiary);
        if (raw == 0 || raw >> 160 != 0) revert RewardsInvalidAccount(beneficiary);
        return address(uint160(raw));
    }

    /// @dev Owner: 10,000 - shareBps of the amount plus all rounding; co-stakers: shareBps pro rata to
    /// the co-stakes they held at the block's start (a co-stake added later takes no part of it).
    function _payDevice(uint64 epoch, uint8 pool, bytes32 device, uint256 amount) private {
        (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes) = staking.rewardSplitAt(device, SafeCast.toUint64(_blockStart(epoch)));
        if (owner == address(0)) revert RewardsDeviceWithoutOwner(device);
        if (shareBps > BPS || coStakers.length != coStakes.length) revert RewardsInvalidSplit(device);
        uint256 coTotal;
        for (uint256 i = 0; i < coStakes.length; ++i) {
            if (coStakers[i] == address(0)) revert RewardsInvalidSplit(device);
            coTotal += coStakes[i];
        }
        uint256 ownerAmount = amount;
        if (coTotal > 0 && shareBps > 0) {
            uint256 coShare = (amount * shareBps) / BPS;
            for (uint256 i = 0; i < coStakers.length; ++i) {
                uint256 part = (coShare * coStakes[i]) / coTotal;
                if (part == 0) continue;
                ownerAmount -= part;
                _pay(epoch, pool, device, coStakers[i], part);
            }
        }
        if (ownerAmount > 0) _pay(epoch, pool, device, owner, ownerAmount);
    }

    function _pay(uint64 epoch, uint8 pool, bytes32 beneficiary, address to, uint256 amount) private {
        emit RewardPaid(epoch, pool, beneficiary, to, amount);
        token.mint(to, amount);
    }
}
