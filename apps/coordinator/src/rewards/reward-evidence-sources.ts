import type { ChallengeResultStore, DeviceStore } from '@tensorgrid/domain';
import type { ExplorerService } from '../explorer/explorer-service';
import type { LivenessService } from '../liveness/liveness-service';
import { forgivingLiveness } from './forgiving-liveness';
import type { EvidenceSources } from './gather-evidence';

/**
 * What the block builder reads, as the coordinator composes it: liveness with degraded downtime
 * forgiven, the challenge results, and each device's quality score as of the block's end, computed
 * by the explorer (the score it shows), so a block is split by class weight × quality score.
 * @param deps - the device store, the liveness service, the challenge results and the explorer
 */
export function rewardEvidenceSources(deps: {
  devices: DeviceStore;
  liveness: Pick<LivenessService, 'historyWithDegraded'>;
  challenges: ChallengeResultStore;
  explorer: Pick<ExplorerService, 'scoreAt'>;
}): Omit<EvidenceSources, 'chain'> {
  return {
    devices: deps.devices,
    liveness: forgivingLiveness({ devices: deps.devices, liveness: deps.liveness }),
    challenges: deps.challenges,
    scoreOf: (device, atMs) => deps.explorer.scoreAt(device.id, atMs),
  };
}
