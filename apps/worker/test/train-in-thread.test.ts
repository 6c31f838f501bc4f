/**
 * Training in a worker thread gives the same commitment as in-process training (the root
 * binds every step, so any difference in kernels or order would show), and the run store
 * brings a run back intact after a "restart".
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isBaseError } from '@tensorgrid/protocol';
import { createTrainer, generateDataset, parseTrainingJob, stateAt, train } from '@tensorgrid/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunStore, sweepRunStore } from '../src/jobs/run-store';
import { trainInThread, type ThreadRun } from '../src/jobs/train-in-thread';

const JOB = {
  jobId: '7',
  jobSeed: '3c'.repeat(32),
  spec: {
    version: 1,
    model: { input: [8], layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 3 }] },
    dataset: { kind: 'gaussian-mixture', seed: 'thread-test', classes: 3, dim: 8, size: 256 },
    optimizer: { kind: 'adam' },
    lr: 0.01,
    batchSize: 16,
    epochs: 3,
  },
};

describe('training in a worker thread', () => {
  const job = parseTrainingJob(JOB);
  const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
  const trainer = createTrainer(job, dataset);
  let threaded: ThreadRun;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tg-runs-'));
    const progress: number[] = [];
    threaded = await trainInThread({ job: JOB, dataset, checkpointEvery: 10, progressEvery: 16, onProgress: (p) => progress.push(p.step) });
    expect(progress).toEqual([16, 32, 48]); // T = 3 × 256/16 = 48
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('commits to the same root, hashes and checkpoints as training in-process', () => {
    const local = train(trainer, { checkpointEvery: 10 });
    expect(threaded.root).toBe(local.root);
    expect(threaded.stepHashes).toEqual(local.stepHashes);
    expect([...threaded.checkpoints.keys()]).toEqual([0, 10, 20, 30, 40, 48]);
    expect(trainer.hash(threaded.checkpoints.get(30)!)).toBe(local.stepHashes[30]);
    expect(threaded.cpuMs).toBeGreaterThan(0);
  });

  it('the run store keeps a run across restarts, atomically, and recomputes any state from it', async () => {
    const store = createRunStore(dir);
    expect(await store.load('7')).toBeUndefined();
    await store.save({ jobId: '7', root: threaded.root, stepHashes: threaded.stepHashes, checkpointEvery: threaded.checkpointEvery, checkpoints: threaded.checkpoints });
    const loaded = await createRunStore(dir).load('7');
    expect(loaded?.root).toBe(threaded.root);
    expect(loaded?.stepHashes).toEqual(threaded.stepHashes);
    const state = stateAt(trainer, { checkpoints: loaded!.checkpoints, checkpointEvery: loaded!.checkpointEvery }, 27);
    expect(trainer.hash(state)).toBe(threaded.stepHashes[27]);
    expect((await readdir(dir)).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    await store.remove('7');
    expect(await store.load('7')).toBeUndefined();
    const err = await store.load('../etc').catch((e: unknown) => e);
    expect(isBaseError(err) && err.code).toBe('VALIDATION_FAILED');
    expect(await sweepRunStore(dir)).toBe(0);
  });

  it('a bad job fails with VALIDATION_FAILED; an abort stops the thread with TIMEOUT', async () => {
    const bad = await trainInThread({ job: { ...JOB, spec: { ...JOB.spec, lr: -1 } }, dataset }).catch((e: unknown) => e);
    expect(isBaseError(bad) && bad.code).toBe('VALIDATION_FAILED');
    const controller = new AbortController();
    const big = { ...JOB, spec: { ...JOB.spec, epochs: 5_000 } };
    const running = trainInThread({ job: big, dataset, signal: controller.signal, progressEvery: 1, onProgress: () => controller.abort() });
    const stopped = await running.catch((e: unknown) => e);
    expect(isBaseError(stopped) && stopped.code).toBe('TIMEOUT');
  });
});
