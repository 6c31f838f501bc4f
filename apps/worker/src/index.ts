/**
 * @module @tensorgrid/worker
 * The supplier's worker agent as a library, for the `tgrid` CLI and the fleet simulator.
 */
import { fileURLToPath } from 'node:url';
export { loadWorkerOptions, workerOptionsSchema, WORKER_ENV, type WorkerOptions } from './config';
export { startWorkers, type StartedWorker } from './fleet/start-workers';
export { runWorkersUntilSignal } from './fleet/run-workers-until-signal';
export { createWorkerAgent, type WorkerAgent, type WorkerAgentDeps } from './agent/worker-agent';
export { probeHardware } from './probe/probe-hardware';
/** Path of the worker's composition root, for processes that spawn it (the devnet). */
export const WORKER_MAIN_PATH = fileURLToPath(new URL('./main.ts', import.meta.url));
export { MemoryResponder } from './challenges/memory-responder';
export { ComputeResponder, inLoopBatches, THIS_THREAD_KERNEL, type ComputeKernel } from './challenges/compute-responder';
export { respondPow } from './challenges/respond-pow';
export { CappedMemoryResponder, type CappedMemoryOptions } from './challenges/simulated/capped-memory-responder';
export { respondComputeWithinBudget, type BudgetedComputeResult } from './challenges/simulated/respond-compute-within-budget';
export { answerMemoryAsIdentities, answerComputeAsIdentities, type IdentityMemoryAnswer, type IdentityComputeAnswer } from './challenges/simulated/identities-on-one-machine';
export { TINY_MEMORY_POLICY, TINY_COMPUTE_POLICY } from './challenges/tiny-challenge-policies';
export { detectGpuHelper, startGpuHelper, CHALLENGE_HELPER_PATH, SYSTEM_PYTHON, type GpuHelper, type GpuHelperAvailability, type GpuHelperSelftest } from './challenges/gpu-helper';
export { startSimulatedFleet, type SimulatedFleet, type SimulatedFleetOptions } from './simulation/start-simulated-fleet';
/** Path of the fleet simulator's entry point, for the devnet's `--simulate`. */
export const FLEET_MAIN_PATH = fileURLToPath(new URL('./simulation/main.ts', import.meta.url));
