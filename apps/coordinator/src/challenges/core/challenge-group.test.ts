import { describe, expect, it } from 'vitest';
import { challengeGroupOf, membersByGroup, membersOfGroup } from './challenge-group';

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

describe('membersByGroup', () => {
  it('sorts devices read for several groups into them, each device into its operator\'s group if asked, else its own', () => {
    const a = { id: '0xa', operator: '0xop' };
    const b = { id: '0xb', operator: '0xop' };
    const lone = { id: '0xc', operator: null };
    const stray = { id: '0xd', operator: '0xother' };
    const byGroup = membersByGroup(['operator:0xop', 'device:0xc', 'device:0xd', 'device:0xe'], [a, b, lone, stray]);
    expect(Object.fromEntries(byGroup)).toEqual({ 'operator:0xop': [a, b], 'device:0xc': [lone], 'device:0xd': [stray], 'device:0xe': [] });
    expect(membersByGroup(['device:0xa', 'operator:0xop'], [a]).get('operator:0xop')).toEqual([a]);
    expect(membersByGroup([], [a]).size).toBe(0);
  });
});
