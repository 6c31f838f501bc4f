/**
 * @module @tensorgrid/coordinator
 * The coordinator as a library: `createApp(deps)` builds the HTTP + WebSocket app without
 * listening, for tests and for other composition roots.
 */
import { fileURLToPath } from 'node:url';
export { createApp, type App, type AppDeps } from './app';
export type { JobContentStores } from './jobs/job-content-routes';
export { systemClock, type Clock } from './clock';
export { supplyOptions, clusterProbeOptions, type SupplyOptions } from './supply-options';
export type { ClusterPlannerOptions } from './clusters/cluster-planner';
export { noRewardHistory, type RewardHistorySource, type DeviceReward } from './explorer/reward-history-source';
export type { LivenessService } from './liveness/liveness-service';
export { coordinatorOptionsSchema, loadCoordinatorOptions, COORDINATOR_ENV, type CoordinatorOptions } from './config';
export { createBlockBuilder, type BlockBuilder, type BlockBuilderDeps, type BuildBlockOutcome } from './rewards/block-builder';
export { rewardEvidenceSources } from './rewards/reward-evidence-sources';
export { createRewardScheduler, REWARD_BLOCK_TICK_LOCK, type RewardScheduler, type RewardSchedulerOptions } from './rewards/reward-scheduler';
export { createViemRewardChain, type ViemRewardChainParams } from './rewards/viem-reward-chain';
export type { RewardChain, DeviceStake, ChainLeaf } from './rewards/core/reward-chain';
/** Path of the coordinator's composition root, for processes that spawn it (the devnet). */
export const COORDINATOR_MAIN_PATH = fileURLToPath(new URL('./main.ts', import.meta.url));
export { createChallengeScheduler, type ChallengeScheduler, type ChallengeSchedulerDeps } from './challenges/challenge-scheduler';
export { memoryAdapter } from './challenges/kinds/memory-adapter';
export { computeAdapter } from './challenges/kinds/compute-adapter';
export { powAdapter } from './challenges/kinds/pow-adapter';
export { devnetChallengeAdapters, DEVNET_CPU_BASELINES } from './challenges/kinds/devnet-challenge-adapters';
export { productionChallengeAdapters, PRODUCTION_CPU_BASELINES } from './challenges/kinds/production-challenge-adapters';
export { challengeAdaptersFor, type ChallengeProfile } from './challenges/kinds/challenge-adapters-for';
export type { ChallengeAdapterSet, ChallengeKindAdapter } from './challenges/challenge-kind-adapter';
export { createJobShareBuilder, type JobShareBuilder, type JobShareBuilderDeps, type SettleDayOutcome } from './rewards/job-share-builder';
export { createJobShareScheduler, JOB_SHARE_TICK_LOCK, type JobShareScheduler, type JobShareSchedulerOptions, type JobShareTickItem } from './rewards/job-share-scheduler';
export { createViemJobShareChain, type ViemJobShareChainParams } from './rewards/viem-job-share-chain';
export type { JobShareChain, JobShareChainLeaf, PostedRoot } from './rewards/core/job-share-chain';
export { createJobIndexer, JOB_INDEX_TICK_LOCK, type JobIndexer, type JobIndexerOptions, type JobIndexTick } from './jobs/job-indexer';
export { createViemJobMarketReader } from './jobs/viem-job-market-reader';
export { createViemVerifierRoles } from './jobs/viem-verifier-roles';
