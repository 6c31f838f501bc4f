/**
 * Dense FP32 throughput (FLOP/s) per card, from the vendors' spec sheets: what a GPU worker
 * implicitly claims by naming its model. The compute challenge (a float32 matmul) is sized
 * to it, and the quality score's GPU performance is measured ÷ this. Matched by the longest
 * fragment contained in the driver's product name.
 */
export const GPU_REFERENCE_FLOPS: readonly { fragment: string; flops: number }[] = [
  { fragment: 'H100 PCIe', flops: 51.2e12 },
  { fragment: 'H100', flops: 66.9e12 },
  { fragment: 'A100', flops: 19.5e12 },
  { fragment: 'L40S', flops: 91.6e12 },
  { fragment: 'RTX 4090', flops: 82.6e12 },
  { fragment: 'RTX 4080', flops: 48.7e12 },
  { fragment: 'RTX 3090', flops: 35.6e12 },
  { fragment: 'RTX 3080', flops: 29.8e12 },
  { fragment: 'RTX A6000', flops: 38.7e12 },
  { fragment: 'M2 Max', flops: 13.6e12 },
];

/** Claimed FP32 FLOP/s of a model missing from the table: deliberately modest. */
export const UNKNOWN_GPU_FLOPS = 10e12;

/**
 * The reference FP32 FLOP/s of one card of a model.
 * @param model - the driver's product name, e.g. "NVIDIA GeForce RTX 4090"
 */
export function gpuReferenceFlops(model: string): number {
  const match = GPU_REFERENCE_FLOPS.filter((g) => model.includes(g.fragment)).sort((a, b) => b.fragment.length - a.fragment.length)[0];
  return match?.flops ?? UNKNOWN_GPU_FLOPS;
}
