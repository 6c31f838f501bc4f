import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './concurrency-limit';

describe('concurrencyLimit', () => {
  it('runs at most the limit at once, in arrival order, and frees a slot when a task fails', async () => {
    const limited = concurrencyLimit(2);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const release: (() => void)[] = [];
    const task = (i: number, fail = false) =>
      limited(async () => {
        started.push(i);
        peak = Math.max(peak, ++inFlight);
        await new Promise<void>((r) => release.push(r));
        inFlight--;
        if (fail) throw new Error(`task ${i}`);
        return i;
      });
    const results = [task(0, true), task(1), task(2), task(3)].map((p) => p.catch((e: Error) => e.message));
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    expect(await Promise.all(results)).toEqual(['task 0', 1, 2, 3]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3]);
  });
});
