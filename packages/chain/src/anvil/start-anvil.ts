import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BaseError } from '@tensorgrid/protocol';
import { resolveAnvilBinary } from './resolve-anvil-binary';

/** Parameters of {@link startAnvil}. */
export interface StartAnvilParams {
  /** Port to listen on; when absent anvil binds a free one (port 0) and reports it. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * A state file: loaded at start when it exists, dumped on a graceful stop (SIGTERM/SIGINT)
   * and every `stateIntervalSeconds`, so a restarted devnet keeps its chain. Its folder is created.
   */
  statePath?: string;
  /** How often the state is also dumped while running, in seconds. Default 5. */
  stateIntervalSeconds?: number;
  /** Chain id. Default anvil's 31337. */
  chainId?: number;
  /** Seconds between blocks (interval mining); mines on each transaction when absent. */
  blockTime?: number;
  /** Milliseconds to wait for the RPC to answer. Default 15,000. */
  readyTimeoutMs?: number;
  /** The anvil executable; found with resolveAnvilBinary when absent. */
  binaryPath?: string;
  /** More command-line flags, e.g. `['--no-mining']` or `['--prune-history']`. */
  extraArgs?: readonly string[];
}

/** A running anvil. */
export interface AnvilInstance {
  /** HTTP JSON-RPC endpoint, e.g. `http://127.0.0.1:41234`. */
  rpcUrl: string;
  /** The port it listens on. */
  port: number;
  /** The chain id it reports. */
  chainId: number;
  /** The anvil process id. */
  pid: number;
  /** SIGTERM (anvil dumps its state), await exit, SIGKILL after 5 s. Safe to call twice. */
  stop(): Promise<void>;
}

const KILL_AFTER_MS = 5_000;
const POLL_MS = 50;
const LISTENING = /^Listening on (?:.+):(\d+)\r?\n/m;

/**
 * Starts a local anvil chain and waits until its RPC answers `eth_chainId`. Without a port,
 * anvil binds port 0 itself and the chosen port is read from its "Listening on" line, so
 * two starts can never race for the same port (nor mistake another node for this one).
 * @param params - port, host, state file, chain id, block time and more (all optional)
 * @returns the running instance, with its RPC URL and a `stop()`
 * @throws BaseError CHAIN_ERROR when anvil is missing, exits early or is not ready in time
 */
export async function startAnvil(params: StartAnvilParams = {}): Promise<AnvilInstance> {
  const host = params.host ?? '127.0.0.1';
  const binary = params.binaryPath ?? resolveAnvilBinary();
  const timeoutMs = params.readyTimeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  const args = ['--host', host, '--port', String(params.port ?? 0)];
  if (params.chainId !== undefined) args.push('--chain-id', String(params.chainId));
  if (params.blockTime !== undefined) args.push('--block-time', String(params.blockTime));
  if (params.statePath !== undefined) {
    const statePath = path.resolve(params.statePath);
    // anvil silently skips the dump when the folder is missing.
    await mkdir(path.dirname(statePath), { recursive: true });
    args.push('--state', statePath, '--state-interval', String(params.stateIntervalSeconds ?? 5));
  }
  args.push(...(params.extraArgs ?? []));

  // Not --quiet: the "Listening on" line is how the port is learnt. Output is drained (a
  // full pipe would block anvil) and its tail kept for error messages.
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let onListening: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => (onListening = resolve));
  let seenListening = false;
  const drain = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
    const match = seenListening ? null : LISTENING.exec(output);
    if (match) {
      seenListening = true;
      onListening(Number(match[1]));
    }
  };
  child.stdout?.on('data', drain);
  child.stderr?.on('data', drain);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));
  // If this process exits without stop(), still ask anvil to dump its state and quit.
  const onParentExit = (): void => void child.kill('SIGTERM');
  process.once('exit', onParentExit);
  void exited.then(() => process.removeListener('exit', onParentExit));

  const failure = (message: string, data: Record<string, unknown>, cause?: unknown): BaseError =>
    new BaseError('CHAIN_ERROR', message, {
      data: { binary, args, ...data },
      ...(output.trim() ? { details: `anvil said:\n${output.trim().slice(-2_000)}` } : {}),
      ...(cause === undefined ? {} : { cause }),
    });
  const poll = { cancelled: false };
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    listening.then(async (port) => {
      const rpcUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      return { kind: 'ready' as const, port, rpcUrl, chainId: await pollChainId(rpcUrl, deadline, poll) };
    }),
    new Promise<{ kind: 'timeout' }>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs))),
    exited.then((e) => ({ kind: 'exited' as const, ...e })),
    spawnFailed.then((error) => ({ kind: 'spawn-failed' as const, error })),
  ]);
  poll.cancelled = true;
  clearTimeout(timer);
  if (outcome.kind === 'spawn-failed') throw failure(`Could not start anvil: ${outcome.error.message}`, {}, outcome.error);
  if (outcome.kind === 'exited') {
    await sleep(10); // let the last output arrive
    const portInUse = /address already in use/i.test(output);
    throw failure(`anvil exited during start (${outcome.code ?? outcome.signal})${portInUse ? ': port in use' : ''}`, {
      portInUse,
      exitCode: outcome.code,
    });
  }
  if (outcome.kind === 'timeout' || outcome.chainId === undefined) {
    await stopChild(child, exited);
    throw failure(`anvil was not ready within ${timeoutMs} ms`, { timeoutMs });
  }

  let stopping: Promise<void> | undefined;
  return {
    rpcUrl: outcome.rpcUrl,
    port: outcome.port,
    chainId: outcome.chainId,
    pid: child.pid ?? -1,
    stop: () => (stopping ??= stopChild(child, exited)),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  await exited;
  clearTimeout(timer);
}

/** Polls `eth_chainId` until it answers; undefined on timeout or once cancelled. */
async function pollChainId(rpcUrl: string, deadline: number, poll: { cancelled: boolean }): Promise<number | undefined> {
  while (Date.now() < deadline && !poll.cancelled) {
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      const body = (await res.json()) as { result?: string };
      if (typeof body.result === 'string') return Number(BigInt(body.result));
    } catch {
      // not listening yet
    }
    await sleep(POLL_MS);
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
