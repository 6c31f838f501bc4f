import { describe, expect, it } from 'vitest';
import { planClusterRequestSchema } from './clusters';

const a = `0x${'a'.repeat(40)}`;
const b = `0x${'b'.repeat(40)}`;

describe('POST /v1/clusters/plan body', () => {
  it('takes 2 to 64 devices and a job shape, with seed and budget defaults', () => {
    expect(planClusterRequestSchema.parse({ devices: [a, b], D_PP: 2, D_DP: 1, c_dp_gb: 1, c_pp_gb: 0.5 })).toMatchObject({ devices: [a, b], seed: 1, budget: 5000 });
    expect(planClusterRequestSchema.parse({ devices: [a, b], model: { layers: 4, gradient_gb: 2, activation_gb: 1 }, seed: 3 })).toMatchObject({ seed: 3 });
  });

  it('refuses too few or too many devices, malformed ids and duplicates (in any case)', () => {
    expect(planClusterRequestSchema.safeParse({ devices: [a] }).success).toBe(false);
    const many = Array.from({ length: 65 }, (_, i) => `0x${i.toString(16).padStart(40, '0')}`);
    expect(planClusterRequestSchema.safeParse({ devices: many }).success).toBe(false);
    expect(planClusterRequestSchema.safeParse({ devices: [a, '0x123'] }).success).toBe(false);
    const duplicate = planClusterRequestSchema.safeParse({ devices: [a, b, a.toUpperCase().replace('0X', '0x')] });
    expect(duplicate.success).toBe(false);
    expect(duplicate.error?.issues[0]).toMatchObject({ path: ['devices', 2], message: expect.stringContaining('listed twice') });
  });

  it('refuses unknown fields and bad budgets', () => {
    expect(planClusterRequestSchema.safeParse({ devices: [a, b], bytes: 1e9 }).success).toBe(false);
    expect(planClusterRequestSchema.safeParse({ devices: [a, b], budget: 0 }).success).toBe(false);
  });
});
