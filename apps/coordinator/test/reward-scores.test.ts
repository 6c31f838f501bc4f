import { createChallengeResultStore, createDeviceStore, createRewardBlockStore } from '@tensorgrid/db';
import { DEFAULT_NOMINATION_POLICY, DEFAULT_SPLIT_POLICY, rewardBlockWindow, rewardWeight, type ChallengeKind } from '@tensorgrid/domain';
import { createBlockBuilder, rewardEvidenceSources, type RewardChain } from '@tensorgrid/coordinator';
import { createCoordinatorClient, registerDevice, sendHeartbeat } from '@tensorgrid/sdk';
import { sampleGpu, sampleHardware, startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const H = 3_600_000;
const DAY = 24 * H;

/** The chain at its port: every device staked, block allowances of 950 (GPU) and 50 (CPU), roots posted at once. */
function fakeChain(genesisMs: number): RewardChain {
  return {
    genesisMs: async () => genesisMs,
    allowances: async () => ({ gpu: 950_000n, cpu: 50_000n }),
    stakeOf: async () => ({ owner: null, active: 10n, minimum: 1n, meetsMinimum: true }),
    postedRoot: async () => null,
    postRoot: async () => ({ txHash: `0x${'77'.repeat(32)}` }),
    isClaimed: async () => false,
    splitOf: async () => null,
    coStakedDevices: async () => [],
    payoutsOf: async () => [],
  };
}

describe('block rewards are split by class weight × the quality score at the block end (SQLite)', () => {
  let coord: TestCoordinator;
  const ids: string[] = [];
  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite');
    // Two identical GPU devices, up since their first heartbeat.
    for (let i = 0; i < 2; i++) {
      const worker = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
      await registerDevice(worker, { hardware: sampleHardware([sampleGpu(0)]) });
      await sendHeartbeat(worker, { seq: 1 });
      ids.push(worker.account!.address.toLowerCase());
    }
  });
  afterAll(async () => coord?.close());

  it('gives the device that failed its pow and memory challenges a smaller share, by its score as of the block end', async () => {
    // The block starts more than the 5 h streak after the devices came up.
    const genesisMs = Date.now() + 7 * H;
    const window = rewardBlockWindow(0, genesisMs);
    const [good, poor] = ids as [string, string];
    const results = createChallengeResultStore(coord.database.db);
    const record = async (device: string, c: { id: string; kind: ChallengeKind; at: number; passed: boolean }) =>
      results.record({ id: c.id, deviceId: device, kind: c.kind, issuedAt: c.at, finishedAt: c.at + 1000, passed: c.passed, reason: c.passed ? null : 'wrong-answer', metrics: {} });
    for (const device of ids) {
      // Both pass a pow and a memory challenge within the nomination's 24 h look-back.
      await record(device, { id: `ch_pow_${device}`, kind: 'pow', at: window.toMs - 2 * H, passed: true });
      await record(device, { id: `ch_mem_${device}`, kind: 'memory', at: window.toMs - 2 * H, passed: true });
    }
    // The poor device failed pow and memory challenges two days before (still nominated: outside the look-back, inside the score's 30 days).
    for (const [i, kind] of (['pow', 'pow', 'memory', 'memory'] as const).entries()) await record(poor, { id: `ch_old${i}`, kind, at: window.toMs - 2 * DAY, passed: false });
    // The good device fails one after the block's end: that does not count for this block.
    await record(good, { id: 'ch_late', kind: 'pow', at: window.toMs + 60_000, passed: false });

    const scoreGood = await coord.app.explorer.scoreAt(good, window.toMs);
    const scorePoor = await coord.app.explorer.scoreAt(poor, window.toMs);
    expect(scoreGood).toBeGreaterThan(scorePoor!);
    expect(await coord.app.explorer.scoreAt(good, window.toMs + 2 * 60_000)).toBeLessThan(scoreGood!);

    const store = createRewardBlockStore(coord.database.db);
    const devices = createDeviceStore(coord.database.db);
    const builder = createBlockBuilder({
      store,
      chain: fakeChain(genesisMs),
      sources: rewardEvidenceSources({ devices, liveness: coord.app.liveness, challenges: results, explorer: coord.app.explorer }),
      clock: { now: () => window.toMs + DEFAULT_NOMINATION_POLICY.settleMs },
      policy: { nomination: DEFAULT_NOMINATION_POLICY, split: DEFAULT_SPLIT_POLICY },
    });
    expect(await builder.buildBlock(0)).toMatchObject({ kind: 'built', block: 0 });
    expect(await store.missesOfBlock(0)).toEqual([]);
    const leaves = await store.leavesOfBlock(0);
    const leafOf = (id: string) => leaves.find((l) => l.deviceId === id)!;
    const device = (await devices.getDevice(good))!;
    const inputs = { kind: 'gpu' as const, gpuModel: device.gpuModel, gpuCount: 1, cpuCores: device.hardware.cpu.cores };
    expect(leafOf(good).weight).toBe(rewardWeight({ ...inputs, score: scoreGood! }));
    expect(leafOf(poor).weight).toBe(rewardWeight({ ...inputs, score: scorePoor! }));
    expect(leafOf(good).amount).toBeGreaterThan(leafOf(poor).amount);
    // The shares follow the weights (up to rounding of base units).
    const ratio = Number(leafOf(good).amount) / Number(leafOf(poor).amount);
    expect(ratio).toBeCloseTo(Number(leafOf(good).weight) / Number(leafOf(poor).weight), 3);
  });
});
