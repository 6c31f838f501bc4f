import { BaseError, type GpuCard } from '@tensorgrid/protocol';

/** What `system_profiler SPDisplaysDataType SPHardwareDataType -json` says about a Mac's GPU. */
export interface SystemProfilerReport {
  /** The chip, e.g. "Apple M2 Max"; absent on Intel Macs. */
  chip?: string;
  /** GPU cores of the Apple silicon GPU, e.g. 38. `GpuCard` has no field for it. */
  gpuCores?: number;
  /** Unified memory in MiB (SPHardwareDataType `physical_memory`). */
  memoryMiB?: number;
  /** One Apple card whose memory is the unified memory, or none on an Intel Mac. */
  gpus: GpuCard[];
}

/**
 * Parses `system_profiler SPDisplaysDataType SPHardwareDataType -json` on macOS. Apple
 * silicon shares its memory between CPU and GPU, so the one card it yields has the whole
 * unified memory as `vramMiB`. GPUs of other vendors (Intel Macs' AMD and Intel GPUs)
 * cannot serve jobs and are left out.
 * @param json - the whole stdout of system_profiler
 * @throws BaseError `HARDWARE_PROBE_FAILED` when the output is not the JSON system_profiler
 *   prints, or an Apple GPU is listed but the memory size cannot be read
 */
export function parseSystemProfiler(json: string): SystemProfilerReport {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw probeFailed(`system_profiler printed invalid JSON: ${(cause as Error).message}`, {}, cause);
  }
  if (!isRecord(raw)) throw probeFailed('system_profiler printed JSON that is not an object', {});
  const hardware = firstRecord(raw['SPHardwareDataType']);
  const report: SystemProfilerReport = { gpus: [] };
  const chip = text(hardware?.['chip_type']);
  if (chip !== undefined) report.chip = chip;
  const physicalMemory = text(hardware?.['physical_memory']);
  const memoryMiB = physicalMemory === undefined ? undefined : parseMemoryMiB(physicalMemory);
  if (memoryMiB !== undefined) report.memoryMiB = memoryMiB;

  const displays = Array.isArray(raw['SPDisplaysDataType']) ? raw['SPDisplaysDataType'].filter(isRecord) : [];
  const apple = displays.find(isAppleGpu);
  if (apple === undefined) return report;
  const model = text(apple['sppci_model']) ?? text(apple['_name']) ?? chip;
  if (model === undefined) throw probeFailed('system_profiler lists an Apple GPU without a name', {});
  if (memoryMiB === undefined) {
    throw probeFailed(`system_profiler: cannot read the unified memory of ${model} (physical_memory is "${physicalMemory ?? 'missing'}")`, { model });
  }
  const cores = Number(text(apple['sppci_cores']));
  if (Number.isInteger(cores) && cores > 0) report.gpuCores = cores;
  report.gpus = [{ index: 0, vendor: 'apple', model, vramMiB: memoryMiB, nvlink: false }];
  return report;
}

function isAppleGpu(display: Record<string, unknown>): boolean {
  const type = text(display['sppci_device_type']);
  const isGpu = type === undefined || type === 'spdisplays_gpu';
  return isGpu && (/apple/i.test(text(display['spdisplays_vendor']) ?? '') || /^Apple /.test(text(display['sppci_model']) ?? ''));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstRecord(value: unknown): Record<string, unknown> | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  return isRecord(first) ? first : undefined;
}

/** A non-empty trimmed string, or undefined. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** "32 GB" → 32768. system_profiler writes binary sizes with decimal units. */
function parseMemoryMiB(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(MB|GB|TB)$/i.exec(text.trim());
  if (!m) return undefined;
  const scale = { mb: 1, gb: 1024, tb: 1024 * 1024 }[(m[2] ?? '').toLowerCase() as 'mb' | 'gb' | 'tb'];
  return Math.round(Number(m[1]) * scale);
}

function probeFailed(message: string, data: Record<string, unknown>, cause?: unknown): BaseError {
  return new BaseError('HARDWARE_PROBE_FAILED', message, {
    data,
    cause,
    details: 'Run `system_profiler SPDisplaysDataType SPHardwareDataType -json` by hand to see what it prints.',
  });
}
