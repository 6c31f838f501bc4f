import { BaseError } from '@tensorgrid/protocol';
import { formatUnits, parseUnits } from 'viem';

const DECIMAL = /^\d+(\.\d{1,18})?$/;

/**
 * Parses a decimal GRID amount ("250", "0.5") into base units (18 decimals).
 * @param text - what the user typed
 * @param what - the argument's name, for the error
 * @throws {BaseError} VALIDATION_FAILED when it is not a positive decimal with at most 18 decimals
 */
export function parseGridAmount(text: string, what = 'amount'): bigint {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed) || parseUnits(trimmed, 18) === 0n) {
    throw new BaseError('VALIDATION_FAILED', `Invalid ${what} "${text}"`, {
      details: 'Give a positive amount of GRID as a decimal number with at most 18 decimals, e.g. 250 or 0.5.',
      data: { [what]: text },
    });
  }
  return parseUnits(trimmed, 18);
}

/**
 * Formats base units as GRID ("1,234.5 GRID" without grouping: "1234.5 GRID").
 * @param amount - base units
 */
export function formatGrid(amount: bigint): string {
  return `${formatUnits(amount, 18)} GRID`;
}
