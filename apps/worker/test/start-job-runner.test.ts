import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { BaseError } from '@tensorgrid/protocol';
import { createCoordinatorClient } from '@tensorgrid/sdk';
import { assertConformance } from '@tensorgrid/tensor';
import pino from 'pino';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkerOptions } from '../src/config';
import { startJobRunner } from '../src/jobs/start-job-runner';

const account = privateKeyToAccount(generatePrivateKey());
// The job runner is on only with a chain RPC and a JobMarket; nothing is contacted before the conformance check.
const options = loadWorkerOptions({}, { rpcUrl: 'http://127.0.0.1:1', jobMarketAddress: `0x${'11'.repeat(20)}`, jobIntervalMs: 3_600_000 });
const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

async function start(checkKernels?: () => number) {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) }));
  const dataDir = await mkdtemp(join(tmpdir(), 'tg-job-runner-'));
  dirs.push(dataDir);
  const client = createCoordinatorClient({ url: 'http://127.0.0.1:1', account });
  const runner = startJobRunner(options, { account, client, dataDir, log, ...(checkKernels ? { checkKernels } : {}) });
  return { runner, lines };
}

describe('startJobRunner conformance check', () => {
  it('stays off, and says which vectors failed and what to do, when this machine does not reproduce them', async () => {
    const failures = [{ name: 'training/mlp-sgd-20', expected: 'aa', actual: 'bb' }];
    const { runner, lines } = await start(() => {
      throw new BaseError('KERNEL_NONCONFORMANT', 'This machine does not reproduce 1 of the 10 conformance vectors (training/mlp-sgd-20)', { data: { failures } });
    });
    expect(await runner).toBeUndefined();
    const error = lines.find((l) => l.level === 50);
    expect(error).toMatchObject({ failures, msg: expect.stringContaining('job runner off: This machine does not reproduce 1 of the 10') });
    expect(lines.some((l) => String(l.msg).includes('measured training speed'))).toBe(false);
  });

  it('passes any other failure of the check on', async () => {
    const { runner } = await start(() => {
      throw new Error('disk on fire');
    });
    await expect(runner).rejects.toThrow('disk on fire');
  });

  it('starts after the real check (the native state hashes training uses) passes on this machine, logging how many vectors', async () => {
    const { runner, lines } = await start();
    const started = await runner;
    expect(started).toBeDefined();
    await started!.stop();
    expect(lines.find((l) => l.msg === 'job runner: this machine reproduces the conformance vectors')).toMatchObject({ vectors: assertConformance() });
  });
});
