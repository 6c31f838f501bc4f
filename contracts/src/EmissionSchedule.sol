// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title EmissionSchedule
 * @notice The 300,000,000 GRID of block rewards, emitted over 240 months of 30 days (720 hourly
 * blocks each, counted from the Rewards genesis; 7,200 days, about 19.7 years).
 * Month m emits `floor(E0 * 0.9898^m)`: a decay of 1.02% a month. `0.9898^m` is computed in
 * 27-decimal fixed point by square-and-multiply (at most 8 squarings), each product rounded down.
 * E0 is the largest value for which the 240 floored months sum to at most 300M GRID; the rounding
 * dust (38 wei) goes to the last month, so the months sum to exactly 300,000,000 GRID.
 * An hourly block gets `floor(month / 720)` and the month's last block also gets `month % 720`,
 * so a month's blocks sum to exactly the month.
 * The constants are derived, and every value mirrored, by packages/chain/src/emission/emission-schedule.ts.
 */
library EmissionSchedule {
    /// @notice Months in the schedule.
    uint256 internal constant MONTHS = 240;
    /// @notice Hourly blocks in a month (30 days).
    uint256 internal constant HOURS_PER_MONTH = 720;
    /// @notice Everything the schedule emits: 300,000,000 GRID.
    uint256 internal constant TOTAL_EMISSION = 300_000_000 ether;
    /// @notice 1.0 in 27-decimal fixed point.
    uint256 internal constant RAY = 1e27;
    /// @notice The monthly decay factor 1 - 0.0102 = 0.9898, in RAY.
    uint256 internal constant DECAY_RAY = 989_800_000_000_000_000_000_000_000;
    /// @notice Month 0's emission (about 3,345,674.56 GRID).
    uint256 internal constant FIRST_MONTH_EMISSION = 3_345_674_560_671_373_852_059_119;
    /// @notice Month 239's emission, the schedule's rounding dust included.
    uint256 internal constant LAST_MONTH_EMISSION = 288_618_469_055_742_424_792_034;

    /// @notice `x^n` in RAY by square-and-multiply, each product rounded down.
    function rayPow(uint256 x, uint256 n) internal pure returns (uint256 z) {
        z = RAY;
        while (n > 0) {
            if (n & 1 == 1) z = (z * x) / RAY;
            n >>= 1;
            if (n > 0) x = (x * x) / RAY;
        }
    }

    /// @notice Month `month`'s emission in base units (0 from month 240 on).
    function monthEmission(uint256 month) internal pure returns (uint256) {
        if (month >= MONTHS) return 0;
        if (month == MONTHS - 1) return LAST_MONTH_EMISSION;
        return (FIRST_MONTH_EMISSION * rayPow(DECAY_RAY, month)) / RAY;
    }

    /// @notice The emission of each ordinary hourly block of `month`: `floor(monthEmission / 720)`.
    function hourlyAllowance(uint256 month) internal pure returns (uint256) {
        return monthEmission(month) / HOURS_PER_MONTH;
    }

    /// @notice The emission of hourly block `blockIndex` (from genesis); the month's last block takes the remainder.
    function blockEmission(uint256 blockIndex) internal pure returns (uint256) {
        uint256 emission = monthEmission(blockIndex / HOURS_PER_MONTH);
        uint256 base = emission / HOURS_PER_MONTH;
        if (blockIndex % HOURS_PER_MONTH == HOURS_PER_MONTH - 1) return base + (emission % HOURS_PER_MONTH);
        return base;
    }
}
