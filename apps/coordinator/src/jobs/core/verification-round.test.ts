import { describe, expect, it } from 'vitest';
import { verificationRound } from './verification-round';

describe('verificationRound', () => {
  it('counts the contests the node won, not those it lost nor other events', () => {
    expect(verificationRound([])).toBe(0);
    const won = { name: 'ContestResolved', args: { nodeWrong: false } };
    const lost = { name: 'ContestResolved', args: { nodeWrong: true } };
    const rejected = { name: 'JobRejected', args: {} };
    expect(verificationRound([rejected, won])).toBe(1);
    expect(verificationRound([rejected, won, rejected, won, rejected, lost])).toBe(2);
  });
});
