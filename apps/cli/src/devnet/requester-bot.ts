import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createChainClients } from '@tensorgrid/chain';
import { createCoordinatorClient, listJobs } from '@tensorgrid/sdk';
import { pino, type Logger } from 'pino';
import type { Address, Hex } from 'viem';
import { readJobSpecFile } from '../commands/job/read-job-spec-file';
import { submitJobSpec } from '../commands/job/submit-job-spec';

/** What the requester bot reads and writes. */
export interface RequesterBotPorts {
  /** Jobs `posted` in the coordinator's index, and the last block the index read. */
  posted(): Promise<{ count: number; indexedBlock: number | null }>;
  /** Posts the spec in a file (what `tgrid job submit <file>` does). */
  submit(file: string): Promise<{ jobId: bigint; blockNumber: bigint }>;
}

/** The requester bot's settings. */
export interface RequesterBotOptions {
  /** Spec files, posted round-robin. */
  files: readonly string[];
  /** Keep at least this many jobs posted. @default 2 */
  minPosted?: number;
}

/** A requester that keeps a devnet's job pool supplied. */
export interface RequesterBot {
  /** One pass: posts jobs until at least `minPosted` are open; returns the posted job ids. */
  tick(): Promise<bigint[]>;
}

/**
 * The devnet's requester bot: each pass counts the open (`posted`) jobs in the index, adds its
 * own posts the index has not read yet (so a lagging index does not make it overshoot), and
 * posts the spec files round-robin until at least `minPosted` are open.
 * @param ports - the index count and the submit
 * @param options - spec files and the pool size
 * @param log - where it says what it posted
 */
export function createRequesterBot(ports: RequesterBotPorts, options: RequesterBotOptions, log?: Pick<Logger, 'info'>): RequesterBot {
  const min = options.minPosted ?? 2;
  let next = 0;
  let unindexed: bigint[] = []; // blocks of posts the index had not read at the last count
  return {
    async tick() {
      if (options.files.length === 0) return [];
      const { count, indexedBlock } = await ports.posted();
      unindexed = unindexed.filter((block) => indexedBlock === null || block > BigInt(indexedBlock));
      const posted: bigint[] = [];
      for (let open = count + unindexed.length; open < min; open += 1) {
        const file = options.files[next % options.files.length]!;
        next += 1;
        const job = await ports.submit(file);
        unindexed.push(job.blockNumber);
        posted.push(job.jobId);
        log?.info({ jobId: job.jobId.toString(), file, block: job.blockNumber.toString() }, 'requester bot posted a job');
      }
      return posted;
    },
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
  const bot = createRequesterBot({
    async posted() {
      const page = await listJobs(client, { state: 'posted', limit: 100 });
      return { count: page.jobs.length, indexedBlock: page.indexedBlock };
    },
    submit: (file) => submitJobSpec({ file: readJobSpecFile(file), client, chain, jobMarket: params.jobMarket, deadline: params.deadline ?? '1h' }),
  }, params, log);
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
