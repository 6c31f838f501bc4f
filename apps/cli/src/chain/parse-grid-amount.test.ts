import { describe, expect, it } from 'vitest';
import { formatGrid, parseGridAmount } from './parse-grid-amount';

describe('parseGridAmount', () => {
  it('parses decimal GRID into base units', () => {
    expect(parseGridAmount('250')).toBe(250n * 10n ** 18n);
    expect(parseGridAmount(' 0.5 ')).toBe(5n * 10n ** 17n);
    expect(parseGridAmount('0.000000000000000001')).toBe(1n);
    expect(formatGrid(1_500_000_000_000_000_000n)).toBe('1.5 GRID');
  });

  it.each(['0', '-1', '1e3', '1.0000000000000000001', 'abc', '', '1,5'])('refuses %j with VALIDATION_FAILED', (text) => {
    expect(() => parseGridAmount(text)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
