import { CONFORMANCE_VECTOR_COUNT } from '@tensorgrid/tensor';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('tgrid worker check', () => {
  it('reproduces every conformance vector on this machine (--json)', async () => {
    const { stdout, exitCode } = await runCli(['worker', 'check', '--json']);
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ passed: true, vectors: CONFORMANCE_VECTOR_COUNT, failures: [], node: process.version, nativeBlake3: true });
    expect(CONFORMANCE_VECTOR_COUNT).toBeGreaterThanOrEqual(10);
  });

  it('says so in words, with the Node.js version', async () => {
    const { stdout, exitCode } = await runCli(['worker', 'check']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`Conformance vectors: ${CONFORMANCE_VECTOR_COUNT} of ${CONFORMANCE_VECTOR_COUNT} reproduced (Node.js ${process.version}`);
    expect(stdout).toContain('This machine may take exact-mode training jobs and verify them.');
    expect(stdout).not.toContain('pure fallback');
  });
});
