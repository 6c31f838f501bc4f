import { describe, expect, it } from 'vitest';
import { DEFAULT_ELIGIBILITY_POLICY, decideEligibility } from './eligibility';

const H = 3_600_000;
const now = 1_000 * H;
const veteran = { state: 'available' as const, registeredAt: now - 100 * H, stateChangedAt: now - 10 * H, score: 80 };

describe('decideEligibility', () => {
  it('lets a healthy device past its trial be hired', () => {
    expect(decideEligibility(veteran, { now })).toEqual({ kind: 'eligible' });
  });

  it('makes a new device wait out its 12 h trial', () => {
    expect(decideEligibility({ ...veteran, registeredAt: now - 11 * H }, { now })).toEqual({ kind: 'ineligible', reasons: [{ code: 'in-trial', untilMs: now + H }] });
  });

  it('keeps a device down for 48 h eligible, and removes one down longer', () => {
    expect(decideEligibility({ ...veteran, state: 'down', stateChangedAt: now - 48 * H }, { now })).toEqual({ kind: 'eligible' });
    expect(decideEligibility({ ...veteran, state: 'down', stateChangedAt: now - 49 * H }, { now })).toEqual({ kind: 'ineligible', reasons: [{ code: 'down-too-long', downForMs: 49 * H, limitMs: 48 * H }] });
  });

  it('applies a stricter limit per service tier', () => {
    const policy = { ...DEFAULT_ELIGIBILITY_POLICY, maxDowntimeMsByTier: { enterprise: 4 * H } };
    const down5h = { ...veteran, state: 'down' as const, stateChangedAt: now - 5 * H };
    expect(decideEligibility({ ...down5h, serviceTier: 'enterprise' }, { now, policy }).kind).toBe('ineligible');
    expect(decideEligibility({ ...down5h, serviceTier: 'community' }, { now, policy }).kind).toBe('eligible');
  });

  it('removes low-scoring and blocked devices, listing every reason', () => {
    const result = decideEligibility({ ...veteran, state: 'blocked', score: 12, registeredAt: now - H }, { now });
    expect(result).toEqual({
      kind: 'ineligible',
      reasons: [{ code: 'blocked' }, { code: 'in-trial', untilMs: now + 11 * H }, { code: 'score-below-threshold', score: 12, threshold: 40 }],
    });
  });
});
