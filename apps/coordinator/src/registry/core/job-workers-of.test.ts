import { describe, expect, it } from 'vitest';
import { jobWorkersOf } from './job-workers-of';

describe('jobWorkersOf', () => {
  it('gives a live device one job slot, a pending or blocked one none, and leaves simulated devices alone', () => {
    expect(jobWorkersOf({ state: 'available', simulated: false })).toBe(1);
    expect(jobWorkersOf({ state: 'busy', simulated: false })).toBe(1);
    expect(jobWorkersOf({ state: 'down', simulated: false })).toBe(1);
    expect(jobWorkersOf({ state: 'pending', simulated: false })).toBe(0);
    expect(jobWorkersOf({ state: 'blocked', simulated: false })).toBe(0);
    expect(jobWorkersOf({ state: 'available', simulated: true })).toBeUndefined();
  });
});
