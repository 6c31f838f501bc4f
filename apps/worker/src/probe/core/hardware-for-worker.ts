import { BaseError, hardwareSchema, type GpuCard, type Hardware } from '@tensorgrid/protocol';
import { assertSingleModel } from './split-by-gpu-model';

/** The machine apart from its GPUs: CPU, memory, disk, OS. */
export type MachineInfo = Omit<Hardware, 'kind' | 'gpus' | 'driverVersion' | 'cudaVersion'>;

/** Everything the probe found on a machine, before a worker picks its GPUs. */
export interface HardwareProbe {
  machine: MachineInfo;
  /** Every GPU found, of any model, ordered by index. */
  gpus: GpuCard[];
  /** NVIDIA driver version, when NVIDIA GPUs were found. */
  driverVersion?: string;
  /** Highest CUDA version the NVIDIA driver supports. */
  cudaVersion?: string;
}

/**
 * Builds the hardware report of one worker: the machine plus the cards it serves, all of
 * one model. `kind` is 'gpu' when there are cards, 'cpu' otherwise.
 * @param probe - from `probeHardware`
 * @param gpus - the cards this worker serves (from `selectGpus`)
 * @throws BaseError `MIXED_GPU_MODELS` when the cards span models;
 *   `HARDWARE_PROBE_FAILED` when the result does not fit the protocol's `Hardware` schema
 */
export function hardwareForWorker(probe: HardwareProbe, gpus: readonly GpuCard[]): Hardware {
  assertSingleModel(gpus);
  const hardware: Hardware = { kind: gpus.length > 0 ? 'gpu' : 'cpu', ...probe.machine, gpus: [...gpus] };
  if (gpus.some((g) => g.vendor === 'nvidia')) {
    if (probe.driverVersion !== undefined) hardware.driverVersion = probe.driverVersion;
    if (probe.cudaVersion !== undefined) hardware.cudaVersion = probe.cudaVersion;
  }
  const parsed = hardwareSchema.safeParse(hardware);
  if (!parsed.success) {
    throw new BaseError('HARDWARE_PROBE_FAILED', 'The probed hardware does not fit the protocol', {
      data: { issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  return parsed.data;
}
