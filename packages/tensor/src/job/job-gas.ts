import { compileModel } from '../model/compile-model';
import { trainingFlops } from '../model/model-cost';
import { trainingSteps, type TrainingSpec } from '../training/training-job';

/**
 * Gas per GFLOP of estimated training work, in GRID base units (wei): 10^15 = 0.001 GRID.
 * On chain a job's gas is the base of the node's deposit (deposit = gas × depositFactorBps /
 * 10,000), so a node locks about 0.001 GRID per GFLOP it promises to compute.
 */
export const GAS_WEI_PER_GFLOP = 10n ** 15n;

const FLOPS_PER_GFLOP = 1_000_000_000n;

/** A job's estimated cost and gas. */
export interface JobGas {
  /** Estimated floating-point operations of the whole training. */
  flops: bigint;
  /** ⌈flops / 10^9⌉, at least 1. */
  gflop: bigint;
  /** gflop × {@link GAS_WEI_PER_GFLOP}: the on-chain gas, GRID base units. */
  gas: bigint;
}

/**
 * A job's gas from its estimated training cost: steps × (batch × per-example flops + the
 * optimizer's per-step flops), with steps = epochs × ⌊dataset size / batch⌋, so gas grows in
 * proportion to the dataset size and the epochs. Exact integer arithmetic, so every node and
 * the coordinator agree on it.
 * @param spec - a parsed training spec (the job spec's `training`)
 */
export function jobGas(spec: TrainingSpec): JobGas {
  const { perExample, optimizerPerStep } = trainingFlops(compileModel(spec.model), spec.optimizer);
  const { totalSteps } = trainingSteps(spec);
  const flops = BigInt(totalSteps) * (BigInt(spec.batchSize) * BigInt(perExample) + BigInt(optimizerPerStep));
  const gflop = flops === 0n ? 1n : (flops + FLOPS_PER_GFLOP - 1n) / FLOPS_PER_GFLOP;
  return { flops, gflop, gas: gflop * GAS_WEI_PER_GFLOP };
}
