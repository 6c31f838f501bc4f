import { lanesReduction, type Reduction } from '@tensorgrid/tensor';

/**
 * The training kernel a node runs jobs with: `canonical` (the tensor package's fixed summation
 * order, bit-exact with every verifier) or `lanes4` (4 interleaved partial sums, as a SIMD or
 * PyTorch-like kernel keeps: deterministic, but not bit-exact with the canonical order).
 */
export const JOB_KERNELS = ['canonical', 'lanes4'] as const;
/** A node's training kernel. */
export type JobKernel = (typeof JOB_KERNELS)[number];

/**
 * The summation order of a kernel, for `createTrainer(job, dataset, { reduction })`;
 * undefined for the canonical one. A fresh instance each call (a reduction keeps scratch state).
 * @param kernel - the node's kernel
 */
export function reductionOf(kernel: JobKernel): Reduction | undefined {
  return kernel === 'lanes4' ? lanesReduction(4) : undefined;
}

/**
 * Whether a node with this kernel may take a job checked in this mode: a non-canonical node's
 * transitions never replay bit for bit, so it takes only tolerant jobs.
 * @param kernel - the node's kernel
 * @param mode - the job spec's verification mode
 */
export function kernelFits(kernel: JobKernel, mode: 'exact' | 'tolerant'): boolean {
  return kernel === 'canonical' || mode === 'tolerant';
}
