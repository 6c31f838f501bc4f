import { describe, expect, it } from 'vitest';
import { challengeGroupOf, membersOfGroup } from './challenge-group';

describe('challengeGroupOf', () => {
  it('puts all devices of an operator in one group and a lone device in its own', () => {
    expect(challengeGroupOf({ id: '0xa', operator: '0xop' })).toBe(challengeGroupOf({ id: '0xb', operator: '0xop' }));
    expect(challengeGroupOf({ id: '0xa', operator: null })).not.toBe(challengeGroupOf({ id: '0xb', operator: null }));
  });
});

describe('membersOfGroup', () => {
  it('reads back whose devices a group key stands for', () => {
    expect(membersOfGroup(challengeGroupOf({ id: '0xa', operator: '0xop' }))).toEqual({ operator: '0xop' });
    expect(membersOfGroup(challengeGroupOf({ id: '0xa', operator: null }))).toEqual({ deviceId: '0xa' });
  });
});
