import { kernelFits, type JobKernel } from './job-kernel';

/**
 * How a node ranks the open jobs it could take: best fee per unit of gas, earliest deadline,
 * or largest fee first.
 */
export const JOB_PRIORITIES = ['fee-per-gas', 'deadline', 'fee'] as const;
/** A node's job priority. */
export type JobPriority = (typeof JOB_PRIORITIES)[number];

/** An open job as the node sees it: the market's terms and what its spec says it costs. */
export interface JobCandidate {
  jobId: bigint;
  /** GRID base units the requester pays. */
  fee: bigint;
  /** The job's gas as posted (the deposit base, GRID base units). */
  gas: bigint;
  /** The gas its spec costs (`jobGas`); verifiers reject a job posted with other gas. */
  specGas: bigint;
  /** Unix seconds: the job must be submitted by then. */
  deadline: number;
  /** Estimated training cost (FLOPs) from the spec. */
  flops: number;
  /** The spec's time limit, seconds. */
  timeLimitSeconds: number;
  /** The memory the spec says it needs, bytes. */
  memoryBytes: number;
  /** How verifiers check it (the spec's verification mode). */
  verification: 'exact' | 'tolerant';
}

/** What the node has free to run jobs with. */
export interface NodeCapacity {
  /** Jobs the node may run at once (its attached workers; the market enforces the same). */
  workers: number;
  /** Jobs it runs now. */
  running: number;
  /** Sustained training speed, FLOP/s (measured, not claimed). */
  flopsPerSecond: number;
  /** Memory free for new jobs, bytes. */
  freeMemoryBytes: number;
  /** Multiplies the time estimate, for safety. @default 2 */
  margin?: number;
}

/** Why a job was passed over. */
export type SkipReason = 'gas-mismatch' | 'needs-exact-kernel' | 'over-time-limit' | 'misses-deadline' | 'over-memory' | 'no-free-worker';

/** The jobs to accept, in order, and why the others were not. */
export interface JobSelection {
  picked: JobCandidate[];
  skipped: { jobId: bigint; reason: SkipReason }[];
}

const ORDER: Record<JobPriority, (a: JobCandidate, b: JobCandidate) => number> = {
  // a.fee/a.gas > b.fee/b.gas ⇔ a.fee·b.gas > b.fee·a.gas: exact in bigint.
  'fee-per-gas': (a, b) => sign(b.fee * a.gas - a.fee * b.gas),
  deadline: (a, b) => a.deadline - b.deadline,
  fee: (a, b) => sign(b.fee - a.fee),
};

function sign(x: bigint): number {
  return x > 0n ? 1 : x < 0n ? -1 : 0;
}

/**
 * Picks the jobs a node should accept now: only those posted with their spec's gas (verifiers
 * reject the others, at the node's cost), those its kernel may run (a non-canonical
 * kernel only tolerant jobs), that it can finish within the spec's time limit and before the
 * deadline at its measured speed (with a margin), that fit in its free memory, and never more
 * than its free workers; in the order of its priority (ties: lower job id first). Pure: the
 * caller reads the market and the specs.
 * @param candidates - the open jobs with their specs' costs and verification modes
 * @param options - capacity, priority, the current time (unix seconds) and the kernel (default canonical)
 */
export function selectJobs(candidates: readonly JobCandidate[], options: { capacity: NodeCapacity; priority: JobPriority; nowSeconds: number; kernel?: JobKernel }): JobSelection {
  const { capacity, priority, nowSeconds } = options;
  const kernel = options.kernel ?? 'canonical';
  const margin = capacity.margin ?? 2;
  const ranked = [...candidates].sort((a, b) => ORDER[priority](a, b) || sign(a.jobId - b.jobId));
  let free = Math.max(0, capacity.workers - capacity.running);
  let memory = capacity.freeMemoryBytes;
  const picked: JobCandidate[] = [];
  const skipped: JobSelection['skipped'] = [];
  for (const job of ranked) {
    const seconds = capacity.flopsPerSecond > 0 ? (job.flops / capacity.flopsPerSecond) * margin : Number.POSITIVE_INFINITY;
    const reason: SkipReason | undefined =
      job.gas !== job.specGas ? 'gas-mismatch'
      : !kernelFits(kernel, job.verification) ? 'needs-exact-kernel'
      : seconds > job.timeLimitSeconds ? 'over-time-limit'
      : nowSeconds + seconds > job.deadline ? 'misses-deadline'
      : job.memoryBytes > memory ? 'over-memory'
      : free === 0 ? 'no-free-worker'
      : undefined;
    if (reason) {
      skipped.push({ jobId: job.jobId, reason });
      continue;
    }
    picked.push(job);
    free -= 1;
    memory -= job.memoryBytes;
  }
  return { picked, skipped };
}
