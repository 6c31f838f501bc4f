import { describe, expect, it } from 'vitest';
import { jobShareDayReadiness, utcDayOf } from './job-share-day';

const DAY = 20_000;
const END = (DAY + 1) * 86_400;

describe('jobShareDayReadiness', () => {
  it('numbers days like JobMarket', () => {
    expect(utcDayOf(DAY * 86_400)).toBe(DAY);
    expect(utcDayOf(END - 1)).toBe(DAY);
    expect(utcDayOf(END)).toBe(DAY + 1);
  });

  it('waits for the day to end, then for the last possible challenge window to close', () => {
    const jobs = [{ jobId: 1n, state: 'verified' as const }];
    expect(jobShareDayReadiness({ day: DAY, chainTime: END - 1, challengeWindow: 3_600, jobs })).toEqual({ kind: 'wait', why: 'day-open', until: END });
    expect(jobShareDayReadiness({ day: DAY, chainTime: END, challengeWindow: 3_600, jobs })).toEqual({ kind: 'wait', why: 'challenge-window-open', until: END + 3_600 });
    expect(jobShareDayReadiness({ day: DAY, chainTime: END + 3_599, challengeWindow: 3_600, jobs }).kind).toBe('wait');
    expect(jobShareDayReadiness({ day: DAY, chainTime: END + 3_600, challengeWindow: 3_600, jobs })).toEqual({ kind: 'ready' });
  });

  it('waits while any job of the day is disputed; settled and slashed jobs are final', () => {
    const jobs = [{ jobId: 1n, state: 'settled' as const }, { jobId: 2n, state: 'disputed' as const }, { jobId: 3n, state: 'slashed' as const }];
    expect(jobShareDayReadiness({ day: DAY, chainTime: END + 90_000, challengeWindow: 86_400, jobs })).toEqual({ kind: 'wait', why: 'dispute-pending', jobIds: [2n] });
    expect(jobShareDayReadiness({ day: DAY, chainTime: END + 90_000, challengeWindow: 86_400, jobs: jobs.filter((j) => j.state !== 'disputed') })).toEqual({ kind: 'ready' });
  });
});
