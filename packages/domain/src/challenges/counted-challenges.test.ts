import { describe, expect, it } from 'vitest';
import { countedChallenges, MISS_CONFIRMATION_WINDOW_MS } from './counted-challenges';
import type { ChallengeKind } from './challenge-result';

const MIN = 60_000;
const r = (kind: ChallengeKind, issuedAt: number, reason: string | null) => ({ kind, issuedAt, passed: reason === null, reason });

describe('countedChallenges', () => {
  it('forgives a deadline miss when the next challenge of its kind, within the window, passed', () => {
    const miss = r('compute', 0, 'deadline-missed');
    const retry = r('compute', 5 * MIN, null);
    expect(countedChallenges([retry, miss])).toEqual([retry]);
  });

  it('counts a miss whose next challenge of the kind also missed (a confirmed miss), and forgives the second when the one after passed', () => {
    const first = r('compute', 0, 'deadline-missed');
    const second = r('compute', 5 * MIN, 'deadline-missed');
    const pass = r('compute', 10 * MIN, null);
    expect(countedChallenges([first, second, pass])).toEqual([first, pass]);
    const tooLate = r('compute', 70 * MIN, null);
    expect(countedChallenges([first, second, tooLate])).toEqual([first, second, tooLate]);
  });

  it('counts a miss with no later challenge of its kind, or one only after the window', () => {
    const miss = r('memory', 0, 'deadline-missed');
    expect(countedChallenges([miss])).toEqual([miss]);
    const late = r('memory', MISS_CONFIRMATION_WINDOW_MS + 1, null);
    expect(countedChallenges([miss, late])).toEqual([miss, late]);
  });

  it('never forgives a wrong, missing or malformed answer, and a pass of another kind confirms nothing', () => {
    const results = [r('compute', 0, 'wrong-answer'), r('compute', MIN, null), r('memory', 2 * MIN, 'no-answer'), r('memory', 3 * MIN, null), r('pow', 4 * MIN, 'deadline-missed'), r('compute', 5 * MIN, null)];
    expect(countedChallenges(results)).toEqual(results);
  });

  it('keeps the input order of what it counts', () => {
    const results = [r('pow', 9 * MIN, null), r('pow', 0, 'deadline-missed'), r('compute', 3 * MIN, null)];
    expect(countedChallenges(results)).toEqual([results[0], results[2]]);
  });
});
