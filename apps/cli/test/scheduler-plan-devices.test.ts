/**
 * `tgrid scheduler plan --devices`: the CLI asks a real coordinator (in-process, SQLite) to
 * have real worker agents probe each other over 127.0.0.1, plans on the measured matrix, and
 * saves it as a topology file that `--topology` reads back to the same plan.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterProbeOptions } from '@tensorgrid/coordinator';
import { DEFAULT_ELIGIBILITY_POLICY } from '@tensorgrid/domain';
import { topologySchema } from '@tensorgrid/scheduler';
import { createCoordinatorClient } from '@tensorgrid/sdk';
import { sampleHardware, startTestCoordinator, type TestCoordinator, until } from '@tensorgrid/test-utils';
import { createWorkerAgent, type WorkerAgent } from '@tensorgrid/worker';
import { pino } from 'pino';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../src/program';

async function tgrid(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const ctx = { env: {}, cwd: process.cwd(), stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, waitForSignal: () => new Promise<string>(() => {}), setExitCode: (c: number) => void (exitCode = c) };
  await createProgram(ctx).exitOverride().parseAsync(['node', 'tgrid', ...args]);
  return { stdout, stderr, exitCode };
}

describe('tgrid scheduler plan --devices', () => {
  let coord: TestCoordinator;
  const agents: WorkerAgent[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tg-plan-devices-'));

  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite', {
      clusterOptions: clusterProbeOptions({ probe: { pings: 3, bytes: 32 * 1024, perPeerTimeoutMs: 5_000, timeoutMs: 30_000, maxConcurrentProbers: 4 } }),
      // Hireable at once (no trial, no score yet): this test is about the CLI's planning.
      eligibility: { ...DEFAULT_ELIGIBILITY_POLICY, trialMs: 0, scoreThreshold: 0 },
    });
    for (let i = 0; i < 3; i++) {
      const agent = createWorkerAgent({ client: createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) }), hardware: sampleHardware(), log: pino({ level: 'silent' }), heartbeatIntervalMs: 1000, clusterProbe: { listenHost: '127.0.0.1' } });
      agents.push(agent);
      await agent.start();
      await until(() => coord.app.gateway.sendTo(agent.deviceId, { type: 'ping', v: 1, id: 't' }), 'the agent session');
    }
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await coord?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans on a matrix the devices measure now, shows progress, and saves a topology that --topology plans the same', async () => {
    const ids = agents.map((a) => a.deviceId);
    const saved = join(dir, 'measured.json');
    const measured = await tgrid(['scheduler', 'plan', '--devices', ids.join(','), '--coordinator', coord.url, '--save-topology', saved, '--budget', '100', '--seed', '2', '--json']);
    expect(measured.exitCode).toBe(0);
    expect(measured.stderr).toContain('Probing 3 devices (3 pairs)');
    const plan = JSON.parse(measured.stdout) as { groups: number[][]; stage_order: number[]; cost_s: number; labels: string[]; source: { kind: string; measured_pairs: number; saved_to: string } };
    expect(plan.groups.flat().sort()).toEqual([0, 1, 2]);
    expect(plan.labels).toEqual(ids);
    expect(plan.cost_s).toBeGreaterThan(0);
    expect(plan.source).toMatchObject({ kind: 'measured', measured_pairs: 3, saved_to: saved });

    const topology = topologySchema.parse(JSON.parse(readFileSync(saved, 'utf8')));
    expect(topology.labels).toEqual(ids);
    expect(topology.delay_ms.flat().filter((d, k) => k % 4 !== 0).every((d) => d > 0 && Number.isFinite(d))).toBe(true);
    const replanned = await tgrid(['scheduler', 'plan', '--topology', saved, '--budget', '100', '--seed', '2', '--json']);
    const again = JSON.parse(replanned.stdout) as typeof plan;
    expect({ groups: again.groups, stage_order: again.stage_order, cost_s: again.cost_s }).toEqual({ groups: plan.groups, stage_order: plan.stage_order, cost_s: plan.cost_s });
    expect(again.source).toMatchObject({ kind: 'file' });
  }, 60_000);

  it('prints the table with where the matrix came from', async () => {
    const ids = agents.map((a) => a.deviceId);
    const { stdout, exitCode } = await tgrid(['scheduler', 'plan', '--devices', ids.join(','), '--coordinator', coord.url, '--budget', '50']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`Matrix: measured now by the devices via ${coord.url}`);
    expect(stdout).toMatch(/STAGE\s+DATA-PARALLEL GROUP/);
  }, 60_000);

  it('answers an unregistered device with the coordinator\'s typed error', async () => {
    const { stdout, exitCode } = await tgrid(['scheduler', 'plan', '--devices', `${agents[0]!.deviceId},0x${'7'.repeat(40)}`, '--coordinator', coord.url, '--json']);
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'DEVICE_NOT_FOUND' } });
  });
});
