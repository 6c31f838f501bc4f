import { z } from 'zod';

/** One GPU card as the worker's probe saw it. */
export const gpuCardSchema = z.strictObject({
  /** Index as the driver numbers it (nvidia-smi minor number order). */
  index: z.number().int().min(0),
  vendor: z.enum(['nvidia', 'apple']),
  /** Product name as the driver reports it, e.g. "NVIDIA GeForce RTX 4090". */
  model: z.string().min(1).max(200),
  uuid: z.string().max(200).optional(),
  /** Memory of this card in MiB (unified memory on Apple silicon). */
  vramMiB: z.number().int().min(0),
  /** PCI bus id, when known. */
  busId: z.string().max(100).optional(),
  /** Whether this card has at least one active NVLink link. */
  nvlink: z.boolean(),
});
/** One GPU card. */
export type GpuCard = z.infer<typeof gpuCardSchema>;

/** Everything a worker reports about its machine, and the GPUs it serves. */
export const hardwareSchema = z.strictObject({
  /** 'gpu' when the worker serves GPUs, 'cpu' for a CPU-only worker. */
  kind: z.enum(['gpu', 'cpu']),
  cpu: z.strictObject({
    model: z.string().max(200),
    /** Physical cores. */
    cores: z.number().int().min(1),
    /** Logical processors. */
    threads: z.number().int().min(1),
  }),
  memoryBytes: z.number().int().min(0),
  disk: z.strictObject({ totalBytes: z.number().int().min(0), freeBytes: z.number().int().min(0) }),
  os: z.strictObject({ platform: z.string().max(50), distro: z.string().max(100), release: z.string().max(100), arch: z.string().max(50) }),
  /** The GPUs this worker serves: all of one model (one worker = one GPU model). Empty for CPU workers. */
  gpus: z.array(gpuCardSchema).max(64),
  driverVersion: z.string().max(50).optional(),
  cudaVersion: z.string().max(50).optional(),
});
/** A worker's hardware report. */
export type Hardware = z.infer<typeof hardwareSchema>;

/**
 * A GPU card as public routes show it: no UUID, no PCI bus id. Those are hardware
 * fingerprints that would tie devices of different accounts together; only the coordinator
 * needs them (to refuse one card registered twice).
 */
export const publicGpuSchema = gpuCardSchema.omit({ uuid: true, busId: true });
/** Hardware as public routes show it (strict: a UUID in a response fails to parse). */
export const publicHardwareSchema = hardwareSchema.extend({ gpus: z.array(publicGpuSchema).max(64) });
/** Hardware as public routes show it. */
export type PublicHardware = z.infer<typeof publicHardwareSchema>;

/**
 * A hardware report without its fingerprints, for every response anyone may read.
 * @param h - the stored report
 */
export function publicHardware(h: Hardware): PublicHardware {
  const { gpus, ...rest } = h;
  return { ...rest, gpus: gpus.map(({ uuid: _uuid, busId: _busId, ...card }) => card) };
}

/**
 * The distinct GPU models in a list of cards, in first-seen order.
 * @param gpus - GPU cards
 */
export function gpuModelsOf(gpus: readonly GpuCard[]): string[] {
  return [...new Set(gpus.map((g) => g.model))];
}
