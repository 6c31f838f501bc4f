import { describe, expect, it } from 'vitest';
import { advisoryLockKey } from './advisory-lock-key';

describe('advisoryLockKey', () => {
  it('is a fixed signed 64-bit value per scope and name, so replicas of any version agree', () => {
    // Changing these values would let replicas of two versions hold "the same" lock at once.
    expect(advisoryLockKey('public', 'rewards.block-tick')).toBe(2550847199723462739n);
    expect(advisoryLockKey('public', 'rewards.job-share-tick')).toBe(-5815839140817467404n);
  });

  it('differs between names and between schemas', () => {
    const keys = new Set([advisoryLockKey('public', 'a'), advisoryLockKey('public', 'b'), advisoryLockKey('other', 'a'), advisoryLockKey('public\0a', '')]);
    expect(keys.size).toBe(4);
  });
});
