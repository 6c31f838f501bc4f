import { BaseError } from '@tensorgrid/protocol';

/**
 * Refuses a page size that is not an integer in 1..max, with VALIDATION_FAILED naming it.
 * @param limit - the requested page size
 * @param max - the largest page the store serves
 */
export function checkPageSize(limit: number, max: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new BaseError('VALIDATION_FAILED', `Page size must be an integer in 1..${max}`, { data: { limit } });
  }
}
