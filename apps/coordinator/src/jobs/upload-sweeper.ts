import type { DatasetSweep, DatasetUploadStore, TickLock } from '@tensorgrid/domain';
import { DEFAULT_DATASET_UNCLAIMED_MS } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { exclusivePass } from '../exclusive-pass';
import { periodicTask, type PeriodicTask } from '../periodic-task';

/** The tick lock the upload sweeper's passes run under. */
export const UPLOAD_SWEEP_TICK_LOCK = 'uploads.sweep-tick';

/** Options of the upload sweeper. */
export interface UploadSweeperOptions {
  /** How long an unclaimed upload (dataset or job spec) that no live job names is kept, ms. @default DEFAULT_DATASET_UNCLAIMED_MS (24 h) */
  unclaimedMs?: number;
  /** Most uploads of each kind removed per pass, so one pass stays a short transaction; the next pass goes on. @default 200 */
  maxRemovalsPerPass?: number;
  /** How long since the job index last caught up with the chain before a pass removes nothing. @default 5 min */
  jobIndexStaleMs?: number;
}

/**
 * Creates the upload sweeper. Dataset uploads and stored job specs cost nothing while unclaimed,
 * and keys cost nothing (specs are not even signed), so each pass claims the ones named by a
 * job on the JobMarket that a node submitted a result for (its deposit is at stake on the
 * verdict, and the requester can no longer cancel for a refund; gas grows with the dataset),
 * and removes, with their blobs, the unclaimed ones older than the expiry that no posted or
 * accepted job before its deadline names, giving their bytes back to their uploaders' quotas
 * and the shared pool. Claims come from the job index, so the indexer must run on the same
 * database, and a pass removes nothing while the index is behind. With a tick lock, replicas
 * take turns ({@link UPLOAD_SWEEP_TICK_LOCK}).
 * @param deps - the upload store, the clock, the log and the replicas' tick lock
 * @param options - the expiry and the pass's bound
 */
export function createUploadSweeper(
  deps: {
    uploads: DatasetUploadStore;
    clock: Clock;
    log?: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
    lock?: TickLock;
    /**
     * When the job index last caught up with the chain (`JobIndexStore.caughtUpAt`, shared by the
     * replicas): while that is unknown or older than `jobIndexStaleMs`, a pass claims but removes
     * nothing (a job posted meanwhile may name an upload). Omit where there is no JobMarket.
     */
    jobIndexCaughtUpAt?: () => Promise<number | undefined>;
  },
  options: UploadSweeperOptions = {},
): PeriodicTask<DatasetSweep> {
  const unclaimedMs = options.unclaimedMs ?? DEFAULT_DATASET_UNCLAIMED_MS;
  const limit = options.maxRemovalsPerPass ?? 200;
  const staleMs = options.jobIndexStaleMs ?? 5 * 60_000;
  const pass = async (): Promise<DatasetSweep> => {
    const at = deps.clock.now();
    const caughtUpAt = deps.jobIndexCaughtUpAt ? await deps.jobIndexCaughtUpAt() : at;
    const fresh = caughtUpAt !== undefined && at - caughtUpAt < staleMs;
    if (!fresh) deps.log?.warn({ caughtUpAt: caughtUpAt ?? null }, 'the job index is behind the chain: uploads are claimed but none is removed until it catches up');
    const sweep = await deps.uploads.sweep({ at, uploadedBefore: Math.floor(at - unclaimedMs), limit: fresh ? limit : 0 });
    if (sweep.claimed + sweep.removed.length + sweep.specsClaimed + sweep.specsRemoved.length > 0) {
      const bytes = sweep.removed.reduce((sum, r) => sum + r.bytes, 0);
      deps.log?.info({ claimed: sweep.claimed, removed: sweep.removed.length, removedChargedBytes: bytes, specsClaimed: sweep.specsClaimed, specsRemoved: sweep.specsRemoved.length }, 'uploads swept');
    }
    return sweep;
  };
  const guarded = exclusivePass(pass, { lock: deps.lock, name: UPLOAD_SWEEP_TICK_LOCK, skipped: () => ({ claimed: 0, removed: [], specsClaimed: 0, specsRemoved: [] }), log: deps.log });
  return periodicTask(guarded, (err) => deps.log?.error({ err }, 'upload sweep failed'));
}
