/**
 * `tgrid job calibrate`: profiles τ for a spec file from a fixed seed (the same τ on every
 * run), prints it with the per-order ε, and with --write puts tolerant mode into the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobSpecHash, parseJobSpec, verificationOf } from '@tensorgrid/tensor';
import { tinyJobSpec } from '@tensorgrid/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

interface CalibrationJson { tau: number; maxEpsilon: number; factor: number; sampledSteps: number[]; trainedSteps: number; totalSteps: number; perSetting: { name: string; maxEpsilon: number }[]; written: boolean }

describe('tgrid job calibrate', () => {
  let dir: string;
  let file: string;
  const SPEC = tinyJobSpec({ seed: 'calibrate-cli-test' });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-calibrate-'));
    file = join(dir, 'job.json');
    writeFileSync(file, JSON.stringify(SPEC));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints τ > 0, max ε and each order\'s ε as JSON, the same on every run, without touching the file', async () => {
    const run = await runCli(['job', 'calibrate', file, '--states', '6', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    const cal = JSON.parse(run.stdout) as CalibrationJson;
    expect(cal.tau).toBeGreaterThan(0);
    expect(cal.tau).toBeCloseTo(10 * cal.maxEpsilon, 15);
    expect(cal.maxEpsilon).toBe(Math.max(...cal.perSetting.map((s) => s.maxEpsilon)));
    expect(cal.perSetting.map((s) => s.name)).toEqual(['reversed', 'lanes4', 'shuffled-1', 'shuffled-2', 'shuffled-3']);
    // The whole run by default (T = 48): 6 states spread from the first step to the last.
    expect(cal).toMatchObject({ factor: 10, trainedSteps: 48, totalSteps: 48, sampledSteps: [0, 9, 19, 28, 38, 47], written: false });
    expect(JSON.parse((await runCli(['job', 'calibrate', file, '--states', '6', '--json'])).stdout)).toEqual(cal);
    expect(jobSpecHash(parseJobSpec(JSON.parse(readFileSync(file, 'utf8'))))).toBe(jobSpecHash(SPEC));
  });

  it('--write sets tolerant mode with the printed τ in the spec; progress goes to stderr', async () => {
    const run = await runCli(['job', 'calibrate', file, '--states', '4', '--max-steps', '20', '--factor', '20', '--write']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('trained 20/20 steps (T = 48)');
    expect(run.stderr).toContain('profiling 4 states');
    const tau = Number(/τ\s+(\S+) \(20 × max ε\)/.exec(run.stdout)?.[1]);
    expect(tau).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/lanes4\s+max ε/);
    expect(run.stdout).toContain('Note: only steps 0…19 of 48 were profiled'); // the bound is said, with how to lift it
    expect(run.stdout).toContain('--max-steps 48');
    const written = parseJobSpec(JSON.parse(readFileSync(file, 'utf8')));
    expect(verificationOf(written)).toEqual({ mode: 'tolerant', tau });
    expect(written.training).toEqual(SPEC.training);
    expect(readFileSync(file, 'utf8')).toMatch(/^{\n {2}"version": 1,/);
  });

  it('says what to do about a missing file or bad flags', async () => {
    const missing = await runCli(['job', 'calibrate', join(dir, 'nope.json'), '--json']);
    expect(missing.exitCode).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('nope.json') as string } });
    for (const flags of [['--states', '0'], ['--factor', '0.5'], ['--max-steps', 'many']]) {
      const bad = await runCli(['job', 'calibrate', file, ...flags]);
      expect(bad.exitCode).toBe(1);
      expect(bad.stderr).toContain('VALIDATION_FAILED');
    }
  });
});
