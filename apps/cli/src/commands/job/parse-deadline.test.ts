import { describe, expect, it } from 'vitest';
import { parseDeadline } from './parse-deadline';

const NOW = 1_800_000_000n;
const codeOf = (text: string) => {
  try {
    parseDeadline(text, NOW);
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'none';
};

describe('parseDeadline', () => {
  it('reads durations from the chain\'s now and ISO times', () => {
    expect(parseDeadline('90m', NOW)).toBe(NOW + 5400n);
    expect(parseDeadline('6h', NOW)).toBe(NOW + 21_600n);
    expect(parseDeadline('2d', NOW)).toBe(NOW + 172_800n);
    expect(parseDeadline('30s', NOW)).toBe(NOW + 30n);
    expect(parseDeadline('2027-03-15T08:00:00Z', NOW)).toBe(BigInt(Date.parse('2027-03-15T08:00:00Z') / 1000));
  });

  it('refuses what it cannot read and times in the past', () => {
    for (const bad of ['tomorrow', '5 weeks', '0h', '-1d', '2020-01-01T00:00:00Z', '1.5h']) expect(codeOf(bad), bad).toBe('VALIDATION_FAILED');
  });
});
