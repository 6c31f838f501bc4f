import type { DatasetSweep, DatasetUploadStore, TickLock } from '@tensorgrid/domain';
import { DEFAULT_DATASET_UNCLAIMED_MS } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { exclusivePass } from '../exclusive-pass';
import { periodicTask, type PeriodicTask } from '../periodic-task';

/** The tick lock the dataset sweeper's passes run under. */
export const DATASET_SWEEP_TICK_LOCK = 'datasets.sweep-tick';

/** Options of the dataset sweeper. */
export interface DatasetSweeperOptions {
  /** How long an unclaimed upload that no open job names is kept, ms. @default DEFAULT_DATASET_UNCLAIMED_MS (24 h) */
  unclaimedMs?: number;
  /** Most uploads removed per pass, so one pass stays a short transaction; the next pass goes on. @default 200 */
  maxRemovalsPerPass?: number;
}

/**
 * Creates the dataset sweeper. Uploads cost nothing while unclaimed, and keys cost nothing, so
 * each pass claims the uploads named by a job on the JobMarket that a node took (the job's fee
 * and the node's deposit are at stake from then on; gas grows with the dataset), and removes,
 * with their blobs, the unclaimed ones older than the expiry that no open job names (a
 * cancelled job's requester got its fee back), giving their bytes back to their uploaders'
 * quotas and the shared pool. Claims come from the job index, so the
 * indexer must run on the same database. With a tick lock, replicas take turns
 * ({@link DATASET_SWEEP_TICK_LOCK}).
 * @param deps - the upload store, the clock, the log and the replicas' tick lock
 * @param options - the expiry and the pass's bound
 */
export function createDatasetSweeper(
  deps: { uploads: DatasetUploadStore; clock: Clock; log?: Pick<Logger, 'info' | 'error' | 'debug'>; lock?: TickLock },
  options: DatasetSweeperOptions = {},
): PeriodicTask<DatasetSweep> {
  const unclaimedMs = options.unclaimedMs ?? DEFAULT_DATASET_UNCLAIMED_MS;
  const limit = options.maxRemovalsPerPass ?? 200;
  const pass = async (): Promise<DatasetSweep> => {
    const at = deps.clock.now();
    const sweep = await deps.uploads.sweep({ at, uploadedBefore: at - unclaimedMs, limit });
    if (sweep.claimed > 0 || sweep.removed.length > 0) {
      const bytes = sweep.removed.reduce((sum, r) => sum + r.bytes, 0);
      deps.log?.info({ claimed: sweep.claimed, removed: sweep.removed.length, removedBytes: bytes }, 'dataset uploads swept');
    }
    return sweep;
  };
  const guarded = exclusivePass(pass, { lock: deps.lock, name: DATASET_SWEEP_TICK_LOCK, skipped: () => ({ claimed: 0, removed: [] }), log: deps.log });
  return periodicTask(guarded, (err) => deps.log?.error({ err }, 'dataset sweep failed'));
}
