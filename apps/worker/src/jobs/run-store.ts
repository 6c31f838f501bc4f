import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BaseError } from '@tensorgrid/protocol';
import { decodeTrainingState, encodeTrainingState } from '@tensorgrid/tensor';
import { JOB_KERNELS, type JobKernel } from './core/job-kernel';
import type { ThreadRun } from './train-in-thread';

/**
 * What the node keeps of a finished run: enough to answer any challenge after a restart, and the
 * assignment beacon it was trained under (the job seed's), so a run is only ever submitted for
 * the acceptance it belongs to (absent in runs stored before it was kept).
 */
export type StoredRun = Omit<ThreadRun, 'cpuMs'> & { jobId: string; assignment?: string };

const MANIFEST = 'run.json';
const HASHES = 'hashes.bin';
const checkpointFile = (step: number) => `checkpoint-${step}.gts`;
const safeId = /^[0-9A-Za-z._-]{1,128}$/;

/** Saves and loads finished runs, one folder per job under `dir`. */
export interface RunStore {
  /** Writes a run atomically: all of it appears at once, or nothing does. */
  save(run: StoredRun): Promise<void>;
  /** The run of a job, or undefined. */
  load(jobId: string): Promise<StoredRun | undefined>;
  /** Deletes a job's run (after it settled). */
  remove(jobId: string): Promise<void>;
  /** The jobs with a stored run. */
  list(): Promise<string[]>;
}

/**
 * The node's run store on disk: `<dir>/<jobId>/` holds the manifest, the step hashes (32 bytes
 * each) and each checkpoint in the tensor package's state encoding. A run is written to a
 * temporary folder and renamed into place, so a crash leaves either the whole run or none.
 * @param dir - e.g. `<worker data dir>/runs`
 */
export function createRunStore(dir: string): RunStore {
  const folder = (jobId: string) => {
    if (!safeId.test(jobId)) throw new BaseError('VALIDATION_FAILED', `Not a storable job id: ${JSON.stringify(jobId)}`);
    return path.join(dir, jobId);
  };
  return {
    async save(run) {
      const final = folder(run.jobId);
      await mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.tmp-${run.jobId}-${randomBytes(6).toString('hex')}`);
      await mkdir(tmp);
      try {
        await writeFile(path.join(tmp, HASHES), Buffer.concat(run.stepHashes.map((h) => Buffer.from(h, 'hex'))));
        for (const [step, state] of run.checkpoints) await writeFile(path.join(tmp, checkpointFile(step)), encodeTrainingState(state));
        const manifest = { jobId: run.jobId, root: run.root, checkpointEvery: run.checkpointEvery, steps: run.stepHashes.length - 1, checkpoints: [...run.checkpoints.keys()], kernel: run.kernel ?? 'canonical', ...(run.assignment === undefined ? {} : { assignment: run.assignment }) };
        await writeFile(path.join(tmp, MANIFEST), JSON.stringify(manifest));
        await rm(final, { recursive: true, force: true });
        await rename(tmp, final);
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        throw err;
      }
    },

    async load(jobId) {
      const at = folder(jobId);
      const text = await readFile(path.join(at, MANIFEST), 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      if (text === undefined) return undefined;
      const manifest = JSON.parse(text) as { jobId: string; root: string; checkpointEvery: number; steps: number; checkpoints: number[]; kernel?: string; assignment?: string };
      const hashes = await readFile(path.join(at, HASHES));
      if (hashes.length !== 32 * (manifest.steps + 1)) throw new BaseError('INTERNAL', `Run ${jobId}: ${hashes.length} bytes of step hashes for ${manifest.steps} steps`);
      const stepHashes = Array.from({ length: manifest.steps + 1 }, (_, i) => hashes.subarray(32 * i, 32 * i + 32).toString('hex'));
      const checkpoints = new Map<number, ReturnType<typeof decodeTrainingState>>();
      for (const step of manifest.checkpoints) checkpoints.set(step, decodeTrainingState(new Uint8Array(await readFile(path.join(at, checkpointFile(step))))));
      // Runs stored before kernels were configurable were canonical.
      const kernel = manifest.kernel ?? 'canonical';
      if (!(JOB_KERNELS as readonly string[]).includes(kernel)) throw new BaseError('INTERNAL', `Run ${jobId}: unknown kernel ${kernel}`);
      return {
        jobId: manifest.jobId, root: manifest.root, checkpointEvery: manifest.checkpointEvery, stepHashes, checkpoints, kernel: kernel as JobKernel,
        ...(manifest.assignment === undefined ? {} : { assignment: manifest.assignment }),
      };
    },

    async remove(jobId) {
      await rm(folder(jobId), { recursive: true, force: true });
    },

    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      return names.filter((n) => safeId.test(n) && !n.startsWith('.')).sort();
    },
  };
}

/**
 * Removes temporary folders a crash left behind (runs that never finished saving).
 * @param dir - the run store's folder
 */
export async function sweepRunStore(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith('.tmp-'));
  for (const name of stale) await rm(path.join(dir, name), { recursive: true, force: true });
  return stale.length;
}
