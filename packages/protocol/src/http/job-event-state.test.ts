import { describe, expect, it } from 'vitest';
import { jobEventState } from './job-event-state';
import { JOB_EVENT_STATES, JOB_STATES } from './jobs';

describe('job states and the steps of a job\'s history', () => {
  it('names the chain\'s states as users see them: posted, verified', () => {
    expect(JOB_STATES.slice(0, 5)).toEqual(['none', 'posted', 'accepted', 'submitted', 'verified']);
    expect(JOB_EVENT_STATES).toContain('declined');
  });

  it('maps each JobMarket event to its step; a decline shows as declined', () => {
    expect(jobEventState('JobPosted', {})).toBe('posted');
    expect(jobEventState('JobDeclined', { penalty: '1' })).toBe('declined');
    expect(jobEventState('JobVerified', {})).toBe('verified');
    expect(jobEventState('JobFailed', {})).toBe('failed');
    expect(jobEventState('JobTimedOut', {})).toBe('timed-out');
    expect(jobEventState('DisputeResolved', { nodeWrong: true })).toBe('slashed');
    expect(jobEventState('DisputeResolved', { nodeWrong: false })).toBe('verified');
    expect(jobEventState('WorkersSet', {})).toBeNull();
  });
});
