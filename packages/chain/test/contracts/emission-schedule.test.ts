import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import {
  blockEmission,
  blockSplit,
  dayJobShareAllowance,
  decayedEmission,
  deriveScheduleConstants,
  EMISSION_MONTHS,
  emissionTable,
  FIRST_MONTH_EMISSION,
  HOURS_PER_MONTH,
  hourlyAllowance,
  LAST_MONTH_EMISSION,
  monthEmission,
  TOTAL_EMISSION,
} from '../../src/emission/emission-schedule';
import { rewardsAbi } from '../../src/generated/artifacts';
import { createRewardsFixture, type RewardsFixture } from './rewards-fixture';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('emission schedule (TypeScript mirror)', () => {
  it('sums to exactly 300,000,000 GRID over 240 months, never above at any month', () => {
    const rows = emissionTable();
    expect(rows).toHaveLength(240);
    expect(rows.at(-1)?.cumulative).toBe(TOTAL_EMISSION);
    expect(rows.reduce((s, r) => s + r.emission, 0n)).toBe(300_000_000n * 10n ** 18n);
    for (const row of rows) expect(row.cumulative).toBeLessThanOrEqual(TOTAL_EMISSION);
    expect(monthEmission(240)).toBe(0n);
    expect(monthEmission(-1)).toBe(0n);
  });

  it('hard-codes the constants its own derivation gives: the largest E0, the dust in the last month', () => {
    expect(deriveScheduleConstants()).toEqual({ firstMonthEmission: FIRST_MONTH_EMISSION, lastMonthEmission: LAST_MONTH_EMISSION });
    const dust = LAST_MONTH_EMISSION - decayedEmission(FIRST_MONTH_EMISSION, 239);
    expect(dust).toBeGreaterThanOrEqual(0n);
    expect(dust).toBeLessThan(1_000n); // wei
    // One wei more of E0 would overshoot 300M.
    const over = Array.from({ length: 240 }, (_, m) => decayedEmission(FIRST_MONTH_EMISSION + 1n, m)).reduce((s, e) => s + e, 0n);
    expect(over).toBeGreaterThan(TOTAL_EMISSION);
  });

  it('decays by 1.02% a month (ratio 0.9898 up to a few wei of rounding)', () => {
    for (let m = 0; m < 238; m++) {
      const diff = monthEmission(m + 1) * 10_000n - monthEmission(m) * 9_898n;
      expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(10_000n * 3n);
    }
    // The last month carries the dust: still within 1,000 wei of the decay.
    const last = monthEmission(239) * 10_000n - monthEmission(238) * 9_898n;
    expect(last < 0n ? -last : last).toBeLessThanOrEqual(10_000n * 1_000n);
  });

  it('splits a month into 720 hourly blocks that sum to the month, the remainder in its last hour', () => {
    for (const month of [0, 1, 100, 238, 239]) {
      let sum = 0n;
      for (let h = 0; h < HOURS_PER_MONTH; h++) sum += blockEmission(month * HOURS_PER_MONTH + h);
      expect(sum).toBe(monthEmission(month));
      expect(blockEmission(month * HOURS_PER_MONTH)).toBe(hourlyAllowance(month));
      expect(blockEmission(month * HOURS_PER_MONTH + 719)).toBe(hourlyAllowance(month) + (monthEmission(month) % 720n));
    }
    expect(blockEmission(EMISSION_MONTHS * HOURS_PER_MONTH)).toBe(0n);
  });

  it('never allots more to the pools than the block emits, and 30 days of job shares equal their blocks', () => {
    for (const bps of [0, 1_000, 10_000]) {
      for (const block of [0, 23, 719, 720, 172_799]) {
        const s = blockSplit(block, bps);
        expect(s.gpu + s.cpu + s.jobShare).toBe(blockEmission(block));
      }
      let days = 0n;
      let blocks = 0n;
      for (let d = 0; d < 30; d++) days += dayJobShareAllowance(30 + d, bps);
      for (let b = 720; b < 1_440; b++) blocks += blockSplit(b, bps).jobShare;
      expect(days).toBe(blocks);
    }
  });
});

describe('emission schedule (contract = mirror)', () => {
  let fx: RewardsFixture;
  let rewards: Address;
  beforeAll(async () => {
    fx = await createRewardsFixture();
    rewards = fx.rewards;
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('gives the same emission and hourly allowance for every month (0-240)', async () => {
    const call = (functionName: 'monthEmission' | 'hourlyAllowance', month: number): Promise<bigint> =>
      fx.admin.publicClient.readContract({ address: rewards, abi: rewardsAbi, functionName, args: [BigInt(month)] });
    const months = Array.from({ length: EMISSION_MONTHS + 1 }, (_, m) => m);
    const onChain = await Promise.all(months.map((m) => call('monthEmission', m)));
    const hourly = await Promise.all(months.map((m) => call('hourlyAllowance', m)));
    expect(onChain).toEqual(months.map((m) => monthEmission(m)));
    expect(hourly).toEqual(months.map((m) => hourlyAllowance(m)));
    expect(onChain.reduce((s, e) => s + e, 0n)).toBe(TOTAL_EMISSION);
  });

  it('gives the same block emission, last hours of months included', async () => {
    const blocks = [0, 1, 718, 719, 720, 1_439, 86_399, 172_078, 172_079, 172_799, 172_800];
    const onChain = await Promise.all(
      blocks.map((b) => fx.admin.publicClient.readContract({ address: rewards, abi: rewardsAbi, functionName: 'blockEmission', args: [BigInt(b)] })),
    );
    expect(onChain).toEqual(blocks.map((b) => blockEmission(b)));
  });

  it('npm run emission:table prints 240 months ending at exactly 300,000,000 GRID', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'contracts/scripts/emission-table.ts'], { cwd: repoRoot });
    const lines = stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^\s+0\s+3,345,674\.560671373852059119\s+4,646\.770223154685905637\s+3,345,674\.560671373852059119$/);
    expect(lines[240]).toMatch(/^\s+239\s+288,618\.469055742424792034\s+400\.858984799642256655\s+300,000,000\.000000000000000000$/);
    expect(stdout).toContain('exactly 300,000,000: true');
  });
});
