import { describe, expect, it } from 'vitest';
import { jobEventSchema } from './jobs';

describe('jobEventSchema', () => {
  const event = { name: 'JobDisputed', block: 7, logIndex: 0, txHash: `0x${'ab'.repeat(32)}`, args: { jobId: '1' }, state: 'disputed' };

  it('keeps when the index stored the event, and refuses a time that is not ISO', () => {
    expect(jobEventSchema.parse({ ...event, indexedAt: '2026-11-24T10:00:00.000Z' }).indexedAt).toBe('2026-11-24T10:00:00.000Z');
    expect(jobEventSchema.safeParse({ ...event, indexedAt: 'yesterday' }).success).toBe(false);
  });

  it('reads an event from a coordinator that does not send the time (older than it) as not recorded', () => {
    expect(jobEventSchema.parse(event).indexedAt).toBeNull();
  });
});
