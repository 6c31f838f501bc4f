import type { GpuCard } from '@tensorgrid/protocol';

/** The NVLink links of one GPU as `nvidia-smi nvlink --status` lists them. */
export interface NvlinkStatus {
  /** nvidia-smi's index of the GPU (the number after "GPU"). */
  index: number;
  uuid?: string;
  /** Links that report a speed ("Link 0: 25 GB/s"). */
  activeLinks: number;
  /** Links listed, active or not ("Link 1: <inactive>"). */
  totalLinks: number;
}

const GPU_LINE = /^GPU (\d+):/;
const UUID = /\(UUID: ([^)\s]+)\)/;
const LINK_LINE = /^\s*Link (\d+): (.*)$/;
const SPEED = /\d+(?:\.\d+)? ?GB\/s/;

/**
 * Parses the text of `nvidia-smi nvlink --status` (also `-s`):
 * ```
 * GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-…)
 *      Link 0: 25 GB/s
 *      Link 1: <inactive>
 * ```
 * A link counts as active only when it reports a speed: "<inactive>", "N/A" or any
 * wording we have not seen is not evidence of a working link. GPUs without NVLink are
 * listed with no link lines (or a one-line NVML message) and get zero links.
 * @param text - stdout of `nvidia-smi nvlink --status`
 */
export function parseNvlinkStatus(text: string): NvlinkStatus[] {
  const result: NvlinkStatus[] = [];
  let current: NvlinkStatus | undefined;
  for (const line of text.split(/\r?\n/)) {
    const gpu = GPU_LINE.exec(line);
    if (gpu) {
      current = { index: Number(gpu[1]), activeLinks: 0, totalLinks: 0 };
      const uuid = UUID.exec(line)?.[1];
      if (uuid !== undefined) current.uuid = uuid;
      result.push(current);
      continue;
    }
    const link = LINK_LINE.exec(line);
    if (link && current) {
      current.totalLinks += 1;
      if (SPEED.test(link[2] ?? '')) current.activeLinks += 1;
    }
  }
  return result;
}

/**
 * Marks the cards that have at least one active NVLink link in `status`, matching on UUID
 * (or on index when either side lacks one). A card already marked stays marked.
 * @param gpus - cards from `parseNvidiaSmi`
 * @param status - from `parseNvlinkStatus`
 */
export function applyNvlinkStatus(gpus: readonly GpuCard[], status: readonly NvlinkStatus[]): GpuCard[] {
  return gpus.map((gpu) => {
    const entry = status.find((s) => (s.uuid !== undefined && gpu.uuid !== undefined ? s.uuid === gpu.uuid : s.index === gpu.index));
    return entry !== undefined && entry.activeLinks > 0 && !gpu.nvlink ? { ...gpu, nvlink: true } : gpu;
  });
}
