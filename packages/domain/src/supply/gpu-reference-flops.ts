/**
 * Dense BF16 tensor-core throughput with FP32 accumulation (FLOP/s, no sparsity) per card,
 * from the vendors' spec sheets: the operation the compute challenge's GPU kernel runs (bf16
 * matrices, float32 products: `apps/worker/gpu/challenge_kernels.py`). GeForce cards
 * accumulate in FP32 at half their FP16-accumulate rate; data-centre and workstation cards at
 * the full rate. Matched by the longest fragment contained in the driver's product name.
 *
 * An FP32 (CUDA-core) table would size the challenge to a fraction of what the kernel runs
 * at: an H100's 66.9 TFLOP/s FP32 against 989 TFLOP/s BF16, so an A100 (312) would pass as
 * an H100.
 */
export const GPU_TENSOR_FLOPS: readonly { fragment: string; flops: number }[] = [
  { fragment: 'H200 NVL', flops: 835.5e12 },
  { fragment: 'H200', flops: 989.4e12 },
  { fragment: 'H100 NVL', flops: 835.5e12 },
  { fragment: 'H100 PCIe', flops: 756.5e12 },
  { fragment: 'H100', flops: 989.4e12 },
  { fragment: 'A100', flops: 312e12 },
  { fragment: 'L40S', flops: 362.05e12 },
  { fragment: 'RTX 4090', flops: 165.2e12 },
  { fragment: 'RTX 4080', flops: 97.5e12 },
  { fragment: 'RTX 3090', flops: 71e12 },
  { fragment: 'RTX 3080', flops: 59.5e12 },
  { fragment: 'RTX A6000', flops: 154.8e12 },
];

/**
 * The share of a card's tensor rate one whole challenge loop achieves: generating A and B,
 * the product, and SHA-256 over every output tile. Measured on an H100 80GB HBM3 (`npm run
 * bench:gpu-challenges`): 0.38 ms per n = 4096 loop, 362 TFLOP/s of its 989.4, 0.366; taken
 * a little lower. Other models are assumed to reach the same share until they are measured.
 */
export const GPU_KERNEL_EFFICIENCY = 0.35;

/** Claimed kernel FLOP/s of a model missing from the table: deliberately modest. */
export const UNKNOWN_GPU_FLOPS = 10e12;

/**
 * The FLOP/s the compute challenge's kernel should reach on one card of a model: what a GPU
 * worker implicitly claims by naming it. The compute challenge is sized to it, and the
 * quality score's GPU performance is measured ÷ this.
 * @param model - the driver's product name, e.g. "NVIDIA GeForce RTX 4090"
 */
export function gpuReferenceFlops(model: string): number {
  const match = GPU_TENSOR_FLOPS.filter((g) => model.includes(g.fragment)).sort((a, b) => b.fragment.length - a.fragment.length)[0];
  return match ? match.flops * GPU_KERNEL_EFFICIENCY : UNKNOWN_GPU_FLOPS;
}
