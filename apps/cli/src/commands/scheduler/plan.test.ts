import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../context';
import { createProgram } from '../../program';

const fixture = (id: string) => fileURLToPath(new URL(`../../../../../packages/scheduler/fixtures/dtfm/${id}.json`, import.meta.url));

async function tgrid(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const ctx: CliContext = {
    env: {},
    cwd: process.cwd(),
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    waitForSignal: () => new Promise(() => undefined),
    setExitCode: (code) => void (exitCode = code),
  };
  await createProgram(ctx).exitOverride().parseAsync(['node', 'tgrid', ...args]);
  return { stdout, stderr, exitCode };
}

describe('tgrid scheduler plan', () => {
  it('prints the plan as JSON with groups, stage order, cost and evaluations', async () => {
    const { stdout, exitCode } = await tgrid(['scheduler', 'plan', '--topology', fixture('case-2'), '--budget', '300', '--seed', '4', '--json']);
    expect(exitCode).toBe(0);
    const plan = JSON.parse(stdout) as { groups: number[][]; stage_order: number[]; cost_s: number; evaluations: number; rank_of: number[] };
    expect(plan.groups).toHaveLength(8);
    expect(plan.groups.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect([...plan.stage_order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(plan.cost_s).toBeCloseTo(31.6342, 4);
    expect(plan.evaluations).toBe(300);
  });

  it('prints a readable table by default', async () => {
    const { stdout } = await tgrid(['scheduler', 'plan', '--topology', fixture('case-5'), '--budget', '50']);
    expect(stdout).toContain('8 stages × 8 pipelines');
    expect(stdout).toContain('49.2184');
    expect(stdout).toMatch(/STAGE\s+DATA-PARALLEL GROUP/);
  });

  it('refuses a missing or malformed topology with a typed error and exit code 1', async () => {
    const missing = await tgrid(['scheduler', 'plan', '--topology', '/nonexistent/topology.json']);
    expect(missing).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('error VALIDATION_FAILED: Cannot read the topology file') });
    const bad = await tgrid(['scheduler', 'plan', '--topology', fixture('case-1'), '--budget', '0', '--json']);
    expect(bad.exitCode).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('takes exactly one of --topology and --devices, and --save-topology only with --devices', async () => {
    const both = await tgrid(['scheduler', 'plan', '--topology', fixture('case-1'), '--devices', `0x${'a'.repeat(40)},0x${'b'.repeat(40)}`, '--json']);
    expect(both.exitCode).toBe(1);
    expect(JSON.parse(both.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('exactly one of --topology') } });
    const neither = await tgrid(['scheduler', 'plan', '--json']);
    expect(JSON.parse(neither.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('exactly one of --topology') } });
    const save = await tgrid(['scheduler', 'plan', '--topology', fixture('case-1'), '--save-topology', '/tmp/x.json', '--json']);
    expect(JSON.parse(save.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('go with --devices') } });
    const bad = await tgrid(['scheduler', 'plan', '--devices', '0x123,0x456', '--json']);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});
