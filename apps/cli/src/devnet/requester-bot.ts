import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cancelJob, createChainClients, timeoutJob, type WalletChainClients } from '@tensorgrid/chain';
import { isBaseError } from '@tensorgrid/protocol';
import { createCoordinatorClient, listJobs, type CoordinatorClient, type ListJobsResult } from '@tensorgrid/sdk';
import { pino, type Logger } from 'pino';
import type { Address, Hex } from 'viem';
import { readJobSpecFile } from '../commands/job/read-job-spec-file';
import { submitJobSpec } from '../commands/job/submit-job-spec';

/** A job as the requester bot sees it in the index. */
export interface RequesterBotJob {
  jobId: bigint;
  /** Unix seconds: the last moment a node may accept or submit. */
  deadline: bigint;
  /** Whether the bot's own account posted it. */
  mine: boolean;
}

/** What the requester bot reads and writes. */
export interface RequesterBotPorts {
  /**
   * Jobs `posted` in the coordinator's index (anyone's), the bot's own `accepted` jobs, and the
   * last block the index read.
   */
  jobs(): Promise<{ posted: RequesterBotJob[]; accepted: RequesterBotJob[]; indexedBlock: number | null }>;
  /** The chain's clock: the latest block's timestamp (unix seconds), which deadlines are compared with. */
  now(): Promise<bigint>;
  /** Posts the spec in a file (what `tgrid job submit <file>` does). */
  submit(file: string): Promise<{ jobId: bigint; blockNumber: bigint; deadline: bigint }>;
  /** Cancels one of the bot's posted jobs (its fee comes back). */
  cancel(jobId: bigint): Promise<{ refunded: bigint; txHash: Hex }>;
  /** Times out an accepted job past its deadline (the fee and the node's penalty come back). */
  timeout(jobId: bigint): Promise<{ penalty: bigint; feeRefund: bigint; nodeRefund: bigint; txHash: Hex }>;
}

/** The requester bot's settings. */
export interface RequesterBotOptions {
  /** Spec files, posted round-robin. */
  files: readonly string[];
  /** Keep at least this many jobs posted (and still acceptable: before their deadline). @default 2 */
  minPosted?: number;
}

/** A requester that keeps a devnet's job pool supplied. */
export interface RequesterBot {
  /**
   * One pass: cancels its posted jobs past their deadline, times out its accepted jobs past
   * theirs, then posts jobs until at least `minPosted` are open; returns the posted job ids.
   */
  tick(): Promise<bigint[]>;
}

/** The bot's log: what it did (info) and what it could not do (warn). */
export type RequesterBotLog = Pick<Logger, 'info' | 'warn'>;

/** What the bot does with a job past its deadline. */
type Expiry = { action: 'cancel' | 'timeout'; job: RequesterBotJob };

/**
 * Runs one clean-up of a job past its deadline and logs it. A job whose state moved on (the
 * index lags the chain: the node submitted in time, or a pass before already did it) is noted
 * as done; any other failure is logged and retried next pass.
 * @returns whether the job needs nothing more
 */
async function expire(ports: RequesterBotPorts, expiry: Expiry, log: RequesterBotLog | undefined): Promise<boolean> {
  const { action, job } = expiry;
  const fields = { jobId: job.jobId.toString(), deadline: new Date(Number(job.deadline) * 1000).toISOString() };
  try {
    if (action === 'cancel') {
      const r = await ports.cancel(job.jobId);
      log?.info({ ...fields, refunded: r.refunded.toString(), txHash: r.txHash }, 'requester bot cancelled its posted job past its deadline');
    } else {
      const r = await ports.timeout(job.jobId);
      log?.info({ ...fields, feeRefund: r.feeRefund.toString(), penalty: r.penalty.toString(), nodeRefund: r.nodeRefund.toString(), txHash: r.txHash }, 'requester bot timed out its accepted job past its deadline');
    }
    return true;
  } catch (err) {
    if (isBaseError(err) && err.code === 'JOB_WRONG_STATE') {
      log?.info(fields, `requester bot did not ${action} the job: its state moved on`);
      return true;
    }
    log?.warn({ ...fields, err }, `requester bot could not ${action} the job; retrying next pass`);
    return false;
  }
}

/**
 * The devnet's requester bot. Each pass reads the index and the chain's clock, then:
 * - cancels its own `posted` jobs whose deadline has passed (no node can accept them any more;
 *   the fee comes back);
 * - times out its own `accepted` jobs whose deadline has passed without a result (the fee and
 *   the node's penalty come back);
 * - counts the open jobs still before their deadline, adds its own posts the index has not
 *   read yet (so a lagging index does not make it overshoot), and posts the spec files
 *   round-robin until at least `minPosted` are open.
 * Jobs it has cleaned up are remembered until the index stops listing them in that state.
 * @param ports - the index, the chain's clock, submit, cancel and timeout
 * @param options - spec files and the pool size
 * @param log - where it says what it posted, cancelled and timed out
 */
export function createRequesterBot(ports: RequesterBotPorts, options: RequesterBotOptions, log?: RequesterBotLog): RequesterBot {
  const min = options.minPosted ?? 2;
  let next = 0;
  let unindexed: { block: bigint; deadline: bigint }[] = []; // posts the index had not read at the last count
  let done = new Set<bigint>(); // jobs cleaned up, which a lagging index may still list
  return {
    async tick() {
      if (options.files.length === 0) return [];
      const [{ posted: open, accepted, indexedBlock }, now] = await Promise.all([ports.jobs(), ports.now()]);
      const due = (job: { deadline: bigint }) => now <= job.deadline; // accept and submit revert once the chain's time is past the deadline
      unindexed = unindexed.filter((post) => indexedBlock === null || post.block > BigInt(indexedBlock));
      const listed = new Set([...open, ...accepted].map((job) => job.jobId));
      done = new Set([...done].filter((id) => listed.has(id)));
      const expired: Expiry[] = [
        ...open.filter((job) => job.mine && !due(job)).map((job) => ({ action: 'cancel' as const, job })),
        ...accepted.filter((job) => job.mine && !due(job)).map((job) => ({ action: 'timeout' as const, job })),
      ].filter(({ job }) => !done.has(job.jobId));
      for (const expiry of expired) if (await expire(ports, expiry, log)) done.add(expiry.job.jobId);

      const posted: bigint[] = [];
      for (let count = open.filter(due).length + unindexed.filter(due).length; count < min; count += 1) {
        const file = options.files[next % options.files.length]!;
        next += 1;
        const job = await ports.submit(file);
        unindexed.push({ block: job.blockNumber, deadline: job.deadline });
        posted.push(job.jobId);
        log?.info({ jobId: job.jobId.toString(), file, block: job.blockNumber.toString() }, 'requester bot posted a job');
      }
      return posted;
    },
  };
}

/** A page of the index as the bot sees it. */
function botJobs(page: ListJobsResult, account: Address): RequesterBotJob[] {
  return page.jobs.map((job) => ({ jobId: BigInt(job.id), deadline: BigInt(Math.floor(Date.parse(job.deadline) / 1000)), mine: job.requester.toLowerCase() === account.toLowerCase() }));
}

/** What {@link requesterBotPorts} works with. */
export interface RequesterBotChainParams {
  /** The requester's chain clients (the bot's account). */
  chain: WalletChainClients;
  /** The coordinator: its job index, and the spec and dataset stores. */
  client: CoordinatorClient;
  jobMarket: Address;
  /** Deadline of each job it posts (a duration from now, e.g. `1h`). */
  deadline: string;
}

/**
 * The requester bot's ports on a real coordinator and chain: the index (up to 100 posted jobs and
 * 100 of its own accepted ones, earliest deadline first), the latest block's time, and
 * `submitJobSpec`, `cancelJob` and `timeoutJob` signed by the requester.
 * @param params - the requester's clients, the coordinator, the market and the deadline
 */
export function requesterBotPorts(params: RequesterBotChainParams): RequesterBotPorts {
  const { chain, client, jobMarket } = params;
  const account = chain.account.address;
  return {
    async jobs() {
      const [posted, accepted] = await Promise.all([
        listJobs(client, { state: 'posted', sort: 'deadline', limit: 100 }),
        listJobs(client, { state: 'accepted', requester: account, sort: 'deadline', limit: 100 }),
      ]);
      return { posted: botJobs(posted, account), accepted: botJobs(accepted, account), indexedBlock: posted.indexedBlock };
    },
    now: async () => (await chain.publicClient.getBlock()).timestamp,
    submit: (file) => submitJobSpec({ file: readJobSpecFile(file), client, chain, jobMarket, deadline: params.deadline }),
    cancel: (jobId) => cancelJob(chain, { address: jobMarket, jobId }),
    timeout: (jobId) => timeoutJob(chain, { address: jobMarket, jobId }),
  };
}

/** Where and as whom {@link startRequesterBot} posts. */
export interface StartRequesterBotParams extends RequesterBotOptions {
  coordinatorUrl: string;
  rpcUrl: string;
  chainId: number;
  jobMarket: Address;
  /** The requester's key: a funded devnet account that is not the oracle. */
  privateKey: Hex;
  /** The bot's log (JSON lines), e.g. `<dataDir>/logs/requester.log`. */
  logFile: string;
  /** @default 3000 */
  intervalMs?: number;
  /** Deadline of each job. @default 1h */
  deadline?: string;
  /** Called before each pass, e.g. to top up the requester's GRID on a devnet. */
  beforePass?: () => Promise<unknown>;
}

/**
 * Runs the requester bot on a timer (one pass at a time; a failed pass is logged and retried).
 * @param params - coordinator, chain, key, spec files, pool size, log file
 * @returns stop: clears the timer and waits for a pass in flight
 */
export async function startRequesterBot(params: StartRequesterBotParams): Promise<{ stop(): Promise<void> }> {
  await mkdir(dirname(params.logFile), { recursive: true });
  const stream = createWriteStream(params.logFile, { flags: 'a' });
  const log = pino({ name: 'requester-bot' }, stream);
  const chain = createChainClients({ rpcUrl: params.rpcUrl, chainId: params.chainId, privateKey: params.privateKey, pollingIntervalMs: 100 });
  const client = createCoordinatorClient({ url: params.coordinatorUrl, account: chain.account, timeoutMs: 30_000 });
  const bot = createRequesterBot(requesterBotPorts({ chain, client, jobMarket: params.jobMarket, deadline: params.deadline ?? '1h' }), params, log);
  let running: Promise<unknown> | undefined;
  const pass = async () => {
    await params.beforePass?.();
    return bot.tick();
  };
  const tick = () => (running ??= pass().catch((err: unknown) => log.warn({ err }, 'requester bot pass failed; retrying')).finally(() => (running = undefined)));
  const timer = setInterval(() => void tick(), params.intervalMs ?? 3_000);
  timer.unref();
  void tick();
  log.info({ account: chain.account.address, files: params.files, minPosted: params.minPosted ?? 2 }, 'requester bot started');
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await new Promise<void>((resolve) => stream.end(resolve));
    },
  };
}
