import { describe, expect, it } from 'vitest';
import { measureTrainingSpeed } from '../src/jobs/measure-training-speed';

describe('measureTrainingSpeed', () => {
  it('trains the probe job for its CPU budget and reports FLOPs per CPU second', () => {
    const speed = measureTrainingSpeed(50);
    expect(speed.steps).toBeGreaterThan(0);
    expect(speed.cpuMs).toBeGreaterThanOrEqual(50);
    expect(Number.isFinite(speed.flopsPerSecond) && speed.flopsPerSecond > 0).toBe(true);
  });
});
