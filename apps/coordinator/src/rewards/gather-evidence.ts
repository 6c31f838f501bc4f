import type { ChallengeResultStore, DeviceRecord, DeviceStore, LivenessHistoryStore, NominationPolicy } from '@tensorgrid/domain';
import type { DeviceBlockEvidence } from './core/plan-block';
import type { RewardChain } from './core/reward-chain';

/** What {@link gatherEvidence} reads. */
export interface EvidenceSources {
  devices: DeviceStore;
  /** Liveness changes (main.ts passes them with degraded downtime forgiven). */
  liveness: Pick<LivenessHistoryStore, 'changes'>;
  challenges: ChallengeResultStore;
  chain: Pick<RewardChain, 'stakeOf'>;
  /**
   * A device's quality score (0..100) as of `atMs`, the block's end (main.ts: the explorer's score,
   * see `rewardEvidenceSources`); absent, or undefined for a device, counts as 100.
   */
  scoreOf?: (device: DeviceRecord, atMs: number) => Promise<number | undefined>;
}

const PAGE = 1000;
/** Challenge results read per device and block; far more than any honest schedule issues in the look-back. */
const MAX_CHALLENGES = 1000;

/**
 * Reads, for every registered device, what nomination needs for one block: liveness over the
 * streak window and the block, challenge results in the look-back window (and the confirmation
 * window after the block, which may forgive a late answer in it), its owner and its least
 * stake during the block on chain, and its quality score as of the block's end.
 * Devices registered after the block's end are skipped.
 * @param sources - the stores and the chain
 * @param params - the block's window and the nomination policy
 */
export async function gatherEvidence(sources: EvidenceSources, params: { window: { fromMs: number; toMs: number }; policy: NominationPolicy }): Promise<DeviceBlockEvidence[]> {
  const { window, policy } = params;
  const out: DeviceBlockEvidence[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await sources.devices.listDevices({ limit: PAGE, ...(after === undefined ? {} : { after }) });
    for (const device of page) {
      if (device.registeredAt >= window.toMs) continue;
      const [changes, challenges, stake, score] = await Promise.all([
        sources.liveness.changes(device.id, { fromMs: window.fromMs - policy.minStreakMs, toMs: window.toMs }),
        sources.challenges.list(device.id, { fromMs: window.toMs - policy.challengeLookbackMs, toMs: window.toMs + policy.missConfirmationWindowMs, limit: MAX_CHALLENGES }),
        sources.chain.stakeOf(device.id, window),
        sources.scoreOf ? sources.scoreOf(device, window.toMs) : Promise.resolve(undefined),
      ]);
      const hw = device.hardware;
      out.push({
        deviceId: device.id,
        account: stake.owner ?? device.operator ?? device.id,
        weightInputs: { kind: hw.kind, gpuModel: device.gpuModel, gpuCount: hw.gpus.length, cpuCores: hw.cpu.cores },
        evidence: {
          window,
          changes,
          challenges,
          stake: { active: stake.active, minimum: stake.minimum, meetsMinimum: stake.meetsMinimum },
          blocked: device.state === 'blocked',
          simulated: device.simulated,
          score: score ?? 100,
        },
      });
    }
    if (page.length < PAGE) return out;
    after = page.at(-1)?.id;
  }
}
