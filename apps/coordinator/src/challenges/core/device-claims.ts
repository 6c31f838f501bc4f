import { claimedMemoryBytes, gpuReferenceFlops, type DeviceRecord } from '@tensorgrid/domain';

/** What a device implicitly claims by its hardware report; the challenges are sized to it. */
export interface DeviceClaims {
  /** VRAM of all its cards (GPU worker) or its RAM (CPU worker). */
  memoryBytes: number;
  /** Kernel FLOP/s of its cards (`gpuReferenceFlops`), or of the CPU cores it offers (one compute thread each). */
  flops: number;
  /** SHA-256 hashes per second the proof-of-work is sized to: one CPU core's, on every device. */
  hashesPerSecond: number;
}

/** Rates of one CPU core running the reference kernels (the policies' calibration). */
export interface CpuBaselines {
  flopsPerCore: number;
  hashesPerCore: number;
}

/**
 * A device's claims. A GPU worker claims its cards' memory and, per card, the rate its
 * model's tensor cores run the compute challenge's kernel at (`gpuReferenceFlops`). A CPU worker claims the per-core baseline times the cores it reports
 * (the worker runs one compute thread per core it offers), so a CPU device that reports
 * more cores than it has, to take a larger share of the CPU reward pool, fails its compute
 * challenges. Proof-of-work is sized to one core's baseline on every device: a GPU worker
 * answers it on its card (the helper's kernel) and so passes with room to spare, and its
 * measured rate is what the result reports. Sizing it to a card needs per-model hash rates
 * measured on cards, which we do not have yet.
 * @param device - the registered device
 * @param baselines - one core's rates
 */
export function deviceClaims(device: Pick<DeviceRecord, 'hardware'>, baselines: CpuBaselines): DeviceClaims {
  const { gpus } = device.hardware;
  return {
    memoryBytes: claimedMemoryBytes(device.hardware),
    flops: gpus.length ? gpus.reduce((sum, g) => sum + gpuReferenceFlops(g.model), 0) : baselines.flopsPerCore * device.hardware.cpu.cores,
    hashesPerSecond: baselines.hashesPerCore,
  };
}
