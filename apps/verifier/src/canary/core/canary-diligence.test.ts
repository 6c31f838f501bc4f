import { describe, expect, it } from 'vitest';
import { canaryDiligence, canaryVerdict } from './canary-diligence';

const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000BB';

describe('canaryVerdict', () => {
  it('reads a rejection as caught, a pass (disputed or not) as approved, anything before a verdict as pending', () => {
    expect(['rejected', 'failed'].map((s) => canaryVerdict(s as never))).toEqual(['caught', 'caught']);
    expect(['verified', 'disputed', 'slashed', 'settled'].map((s) => canaryVerdict(s as never))).toEqual(['approved', 'approved', 'approved', 'approved']);
    expect(['posted', 'accepted', 'submitted', 'timed-out', 'cancelled'].map((s) => canaryVerdict(s as never))).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
  });
});

describe('canaryDiligence', () => {
  it('scores each verifier on the canaries it judged, most canaries first, addresses lower-cased', () => {
    const scores = canaryDiligence([
      { jobId: '1', state: 'failed', verifier: A },
      { jobId: '2', state: 'rejected', verifier: A },
      { jobId: '3', state: 'slashed', verifier: A },
      { jobId: '4', state: 'verified', verifier: B },
      { jobId: '5', state: 'submitted', verifier: null },
      { jobId: '6', state: 'accepted', verifier: null },
    ]);
    expect(scores.map(({ verifier, canaries, caught, approved }) => ({ verifier, canaries, caught, approved }))).toEqual([
      { verifier: A, canaries: 3, caught: 2, approved: 1 },
      { verifier: B.toLowerCase(), canaries: 1, caught: 0, approved: 1 },
    ]);
    expect(scores[0]!.diligence).toMatchObject({ successes: 2, trials: 3 });
    expect(scores[1]!.diligence.high).toBeLessThan(0.8); // 0 of 1: the interval still admits a lot
    expect(canaryDiligence([])).toEqual([]);
  });
});
