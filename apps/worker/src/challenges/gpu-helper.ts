import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BaseError } from '@tensorgrid/protocol';
import type { ChallengeKind, ComputeChallengeSpec, MemoryChallengeSpec, MemoryProbe, PowChallengeSpec } from '@tensorgrid/domain';
import type { RunCommand } from '../probe/core/run-command';

/** Path of the Python helper (`challenge_helper.py serve`). */
export const CHALLENGE_HELPER_PATH = fileURLToPath(new URL('../../gpu/challenge_helper.py', import.meta.url));

/** Debian's Python, where `python3-torch` lives (not the first `python3` on PATH). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** 32-byte digests, concatenated, split (views on one buffer). */
function splitDigests(bytes: Buffer): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 32) out.push(bytes.subarray(at, at + 32));
  return out;
}

/** Whether the GPU path can run; when not, the worker answers on the CPU path. */
export type GpuHelperAvailability = { kind: 'available'; python: string } | { kind: 'unavailable'; why: string };

/**
 * Detects CUDA: `nvidia-smi -L` must run and list a GPU, and `python -c 'import torch, triton;
 * torch.cuda.is_available()'` must say yes (the helper's kernels are Triton's, which ships with
 * torch's CUDA wheels). Anything else is "unavailable" with a reason.
 * @param deps - the command runner (tests pass a fake) and the Python to use
 */
export async function detectGpuHelper(deps: { run: RunCommand; python?: string }): Promise<GpuHelperAvailability> {
  const python = deps.python ?? SYSTEM_PYTHON;
  try {
    const smi = await deps.run('nvidia-smi', ['-L']);
    if ('missing' in smi) return { kind: 'unavailable', why: 'nvidia-smi not installed' };
    if (!/GPU \d+:/.test(smi.stdout)) return { kind: 'unavailable', why: 'nvidia-smi lists no GPU' };
    const probe = await deps.run(python, ['-c', 'import torch, triton; print(torch.cuda.is_available())']);
    if ('missing' in probe) return { kind: 'unavailable', why: `${python} not installed` };
    if (probe.stdout.trim() !== 'True') return { kind: 'unavailable', why: 'torch sees no CUDA device' };
    return { kind: 'available', python };
  } catch (err) {
    return { kind: 'unavailable', why: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
}

/** The helper's check of its own path against the reference's known answers (`challenge_vectors.json`). */
export interface GpuHelperSelftest {
  ok: boolean;
  /** Which vectors it got wrong. */
  failures: string[];
  /** The challenge kinds with a wrong vector (or a kernel that failed to run). */
  failedKinds: ChallengeKind[];
  /** Wrong vectors left out of `ok` (a multi-card helper's PoW on a card that never answers PoW), for the log. */
  ignoredPowFailures?: string[];
  /**
   * What multiplied the compute vectors: bf16 tensor cores with float32 output (what GPU claims
   * are sized to), TF32 (a torch without them: about half that rate, so the card's compute
   * challenges fail), pure Python (no CUDA), or none (no product ran: the compute vectors failed first).
   */
  products?: GpuProducts;
}

/** See {@link GpuHelperSelftest.products}. */
export type GpuProducts = 'bf16' | 'tf32' | 'python' | 'none';

/** Pages first … first + count − 1 of a memory challenge. */
export interface PageRange {
  first: number;
  count: number;
}

/** A running helper process: one request at a time, one JSON line each way. */
export interface GpuHelper {
  /** Checks the conformance vectors on the helper's device: the worker trusts the GPU path only when this passes. */
  selftest(): Promise<GpuHelperSelftest>;
  /** One page's words (parity checks). */
  page(spec: MemoryChallengeSpec, page: number): Promise<Uint32Array>;
  /** Fills every page in (V)RAM, or only `pages` (one card's share); resolves the helper's own fill time. */
  fill(spec: MemoryChallengeSpec, pages?: PageRange): Promise<number>;
  /** Answers probes from the filled pages (each probe must name one of them). */
  answer(probes: readonly MemoryProbe[]): Promise<string[]>;
  /** Frees the filled pages (on a GPU, 90 % of its memory: the card's tenants need it back). */
  release(): Promise<void>;
  /** The Merkle leaf of each loop given (SHA-256 of its tile digests, folded on the helper: 32 bytes a loop come back). */
  loopLeaves(spec: ComputeChallengeSpec, loops: readonly number[]): Promise<Uint8Array[]>;
  /** The tile digests of each loop given (to open it). */
  loopTiles(spec: ComputeChallengeSpec, loops: readonly number[]): Promise<Uint8Array[][]>;
  /**
   * Proof-of-work on the card: solving nonces from `from` (default 0) up, at most the spec's
   * shares, found within `budgetMs` (fewer when it runs out), and how many nonces were tried.
   */
  pow(spec: PowChallengeSpec, options: { budgetMs: number; from?: number }): Promise<{ nonces: number[]; hashes: number }>;
  close(): Promise<void>;
}

/**
 * Starts `challenge_helper.py serve`. `device: 'cpu'` works without torch (pure Python, tiny
 * sizes only); 'cuda' needs {@link detectGpuHelper} to have said available. With `card`, the
 * helper works on that GPU only (torch's device index).
 * @param options - Python path, device, the card, and the conformance vectors' path (default: beside the helper)
 */
export function startGpuHelper(options: { python?: string; device?: 'auto' | 'cuda' | 'cpu'; card?: number; vectorsPath?: string } = {}): GpuHelper {
  const args = [
    CHALLENGE_HELPER_PATH, 'serve', '--device', options.device ?? 'auto',
    ...(options.card === undefined ? [] : ['--card', String(options.card)]),
    ...(options.vectorsPath ? ['--vectors', options.vectorsPath] : []),
  ];
  const child: ChildProcessWithoutNullStreams = spawn(options.python ?? SYSTEM_PYTHON, args, { stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<{ resolve: (v: Record<string, unknown>) => void; reject: (e: unknown) => void }> = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  lines.on('line', (line) => waiting.shift()?.resolve(JSON.parse(line) as Record<string, unknown>));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new BaseError('UNAVAILABLE', `challenge helper exited (${code})`, { details: stderr }));
  });
  const call = (req: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(`${JSON.stringify(req)}\n`);
    }).then((reply) => {
      if (typeof reply.error === 'string') throw new BaseError('INTERNAL', `challenge helper: ${reply.error}`);
      return reply;
    });
  return {
    page: async (spec, page) => Uint32Array.from(((await call({ op: 'page', spec, page })).words as string[]).map((w) => parseInt(w, 16))),
    fill: async (spec, pages) => (await call({ op: 'fill', spec, ...pages })).ms as number,
    answer: async (probes) => (await call({ op: 'answer', probes })).answers as string[],
    release: async () => void (await call({ op: 'release' })),
    selftest: async () => {
      const reply = await call({ op: 'selftest' });
      const products = ['bf16', 'tf32', 'python', 'none'].includes(reply.products as string) ? { products: reply.products as GpuProducts } : {};
      return { ok: reply.ok === true, failures: reply.failures as string[], failedKinds: (reply.failedKinds as ChallengeKind[] | undefined) ?? [], ...products };
    },
    pow: async (spec, { budgetMs, from = 0 }) => {
      const reply = await call({ op: 'pow', spec, budgetMs, from });
      return { nonces: reply.nonces as number[], hashes: reply.hashes as number };
    },
    loopLeaves: async (spec, loops) => ((await call({ op: 'digest-loops', spec, loops, fold: true })).digests as string[]).map((hex) => Uint8Array.from(Buffer.from(hex, 'hex'))),
    loopTiles: async (spec, loops) => ((await call({ op: 'digest-loops', spec, loops })).digests as string[]).map((hex) => splitDigests(Buffer.from(hex, 'hex'))),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
