import { describe, expect, it } from 'vitest';
import { adversaryRng } from '../adversaries/fabricate-states';
import { copyingSolverSucceeds } from '../adversaries/copying-solver';
import { checkReveal, commitRoot } from './commit-root';

const reveal = { root: 'aa'.repeat(32), node: '0x1111111111111111111111111111111111111111', salt: 'bb'.repeat(32) };

describe('commit-reveal of roots (dual execution, V2)', () => {
  it('opens with the same root, node and salt, and with nothing else', () => {
    const c = commitRoot(reveal);
    expect(checkReveal(c, reveal)).toBe(true);
    expect(checkReveal(c, { ...reveal, node: reveal.node.toUpperCase().replace('0X', '0x') })).toBe(true); // addresses compare case-insensitively
    expect(checkReveal(c, { ...reveal, root: 'ab'.repeat(32) })).toBe(false);
    expect(checkReveal(c, { ...reveal, node: '0x2222222222222222222222222222222222222222' })).toBe(false);
    expect(checkReveal(c, { ...reveal, salt: 'bc'.repeat(32) })).toBe(false);
    expect(checkReveal('not hex', reveal)).toBe(false);
    expect(checkReveal(c, { ...reveal, salt: 'short' })).toBe(false);
  });

  it('a copier who sees only the commitment never gets a valid reveal (50 trials per strategy)', () => {
    for (const strategy of ['repost-commitment', 'commit-then-copy-root'] as const) {
      const rng = adversaryRng(strategy, 'v2-test');
      for (let i = 0; i < 50; i++) {
        const honest = { ...reveal, salt: i.toString(16).padStart(64, '0') };
        expect(copyingSolverSucceeds({ commitment: commitRoot(honest), reveal: honest }, { node: '0x3333333333333333333333333333333333333333', strategy, rng })).toBe(false);
      }
    }
  });
});
