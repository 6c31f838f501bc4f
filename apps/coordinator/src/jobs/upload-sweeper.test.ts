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

  it('claims but removes nothing while the job index has not caught up lately (or ever), and warns', async () => {
    const { store, asked } = recordingStore();
    const warnings: string[] = [];
    let caughtUpAt: number | undefined;
    const log = { info: () => undefined, warn: (_: unknown, msg: string) => void warnings.push(msg), error: () => undefined, debug: () => undefined };
    const sweeper = createUploadSweeper({ uploads: store, clock: { now: () => 1_000_000 }, jobIndexCaughtUpAt: async () => caughtUpAt, log: log as never }, { unclaimedMs: 1_000, jobIndexStaleMs: 60_000 });
    for (const at of [undefined, 1_000_000 - 60_000, 1_000_000 - 59_999]) {
      caughtUpAt = at;
      await sweeper.tick();
    }
    expect(asked.map((a) => a.limit)).toEqual([0, 0, 200]);
    expect(warnings).toEqual([expect.stringContaining('job index is behind'), expect.stringContaining('job index is behind')]);
  });
});
