import type { CoordinatorClient } from '@tensorgrid/sdk';
import { jobSpecHash } from '@tensorgrid/tensor';
import { tinyJobSpec } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import { loadJobTrainer } from './load-job-trainer';

/** A coordinator whose spec store answers every hash with `spec` (a wrong or tampered store when the hash differs). */
const storeServing = (spec: unknown): CoordinatorClient => ({
  url: 'http://coordinator.invalid',
  account: undefined,
  request: async () => ({ specHash: `0x${'00'.repeat(32)}`, spec }),
  signingDomain: async () => { throw new Error('unused'); },
  requestBytes: async () => { throw new Error('unused'); },
}) as unknown as CoordinatorClient;

describe('loadJobTrainer', () => {
  const exact = tinyJobSpec({ seed: 'load-job-trainer' });
  const assignment = 'ab'.repeat(32);

  it('builds the canonical trainer of the spec the chain names', async () => {
    const { spec, trainer } = await loadJobTrainer(storeServing(exact), { jobId: '7', specHash: jobSpecHash(exact), assignment });
    expect(spec).toEqual(exact);
    expect(trainer.totalSteps).toBeGreaterThan(0);
  });

  it('refuses a spec whose hash is not the job\'s, e.g. a tolerant one served for an exact job', async () => {
    const tolerant = { ...exact, verification: { mode: 'tolerant', tau: 0.05 } };
    await expect(loadJobTrainer(storeServing(tolerant), { jobId: '7', specHash: jobSpecHash(exact), assignment })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('not the job') });
  });
});
