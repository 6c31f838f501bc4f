import type { Kysely } from 'kysely';
import type { ChallengeResultStore, DegradedModeStore, DeviceDirectory, DeviceNetworkStore, LivenessHistoryStore } from '@tensorgrid/domain';
import { createChallengeResultStore } from './challenge-result-store';
import { createDegradedModeStore } from './degraded-mode-store';
import { createDeviceDirectory } from './device-directory';
import { createDeviceNetworkStore } from './device-network-store';
import { createLivenessHistoryStore } from './liveness-history-store';
import type { Database } from './schema';

/** The supply side's stores: liveness, degraded mode, network, the explorer's directory, challenges. */
export interface SupplyStores {
  history: LivenessHistoryStore;
  degraded: DegradedModeStore;
  network: DeviceNetworkStore;
  directory: DeviceDirectory;
  challenges: ChallengeResultStore;
}

/**
 * Every supply-side store over one database.
 * @param db - an open, migrated database
 */
export function createSupplyStores(db: Kysely<Database>): SupplyStores {
  return {
    history: createLivenessHistoryStore(db),
    degraded: createDegradedModeStore(db),
    network: createDeviceNetworkStore(db),
    directory: createDeviceDirectory(db),
    challenges: createChallengeResultStore(db),
  };
}
