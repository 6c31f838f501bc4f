import { describe, expect, it } from 'vitest';
import { createExecFileRunner } from './exec-file-runner';

describe('createExecFileRunner', () => {
  const run = createExecFileRunner({ timeoutMs: 2000 });

  it('returns stdout', async () => {
    await expect(run(process.execPath, ['-e', 'process.stdout.write("hi")'])).resolves.toEqual({ stdout: 'hi' });
  });

  it('reports a program that is not installed as missing', async () => {
    await expect(run('tensorgrid-no-such-tool', ['-q'])).resolves.toEqual({ missing: true });
  });

  it('rejects a failing program with HARDWARE_PROBE_FAILED, its exit code and output', async () => {
    await expect(run(process.execPath, ['-e', 'console.error("No devices were found"); process.exit(6)'])).rejects.toMatchObject({
      code: 'HARDWARE_PROBE_FAILED',
      data: { exitCode: 6, timedOut: false, output: 'No devices were found' },
    });
  });

  it('rejects a hung program as timed out', async () => {
    const quick = createExecFileRunner({ timeoutMs: 200 });
    await expect(quick(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'])).rejects.toMatchObject({
      code: 'HARDWARE_PROBE_FAILED',
      retryable: true,
      data: { timedOut: true },
    });
  });
});
