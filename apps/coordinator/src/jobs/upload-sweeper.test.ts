import type { DatasetSweep, DatasetUploadStore } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { createUploadSweeper } from './upload-sweeper';

const NOTHING: DatasetSweep = { claimed: 0, removed: [], specsClaimed: 0, specsRemoved: [] };

/** A store that records what each sweep asked for (the store itself has its conformance suite in packages/db). */
function recordingStore() {
  const asked: Array<Parameters<DatasetUploadStore['sweep']>[0]> = [];
  const store = { sweep: async (input: (typeof asked)[number]) => (asked.push(input), NOTHING) } as unknown as DatasetUploadStore;
  return { store, asked };
}

describe('upload sweeper', () => {
  it('removes uploads older than the expiry, up to its bound, at whole milliseconds', async () => {
    const { store, asked } = recordingStore();
    await createUploadSweeper({ uploads: store, clock: { now: () => 1_000_000_000 } }, { unclaimedMs: 0.5, maxRemovalsPerPass: 7 }).tick();
    expect(asked).toEqual([{ at: 1_000_000_000, uploadedBefore: 999_999_999, limit: 7 }]);
  });

  it('claims but removes nothing while the job index is behind, and warns', async () => {
    const { store, asked } = recordingStore();
    const warnings: string[] = [];
    let fresh = false;
    const sweeper = createUploadSweeper({ uploads: store, clock: { now: () => 5_000 }, jobIndexFresh: () => fresh, log: { info: () => undefined, warn: (msg: string) => void warnings.push(msg), error: () => undefined, debug: () => undefined } as never }, { unclaimedMs: 1_000 });
    await sweeper.tick();
    fresh = true;
    await sweeper.tick();
    expect(asked.map((a) => a.limit)).toEqual([0, 200]);
    expect(warnings).toEqual([expect.stringContaining('job index is behind')]);
  });
});
