import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import si from 'systeminformation';
import { isBaseError, type GpuCard } from '@tensorgrid/protocol';
import type { HardwareProbe, MachineInfo } from './core/hardware-for-worker';
import { parseNvidiaSmi } from './core/parse-nvidia-smi';
import { applyNvlinkStatus, parseNvlinkStatus } from './core/parse-nvlink-status';
import { parseSystemProfiler } from './core/parse-system-profiler';
import type { RunCommand } from './core/run-command';
import { createExecFileRunner } from './exec-file-runner';

/** What {@link probeHardware} needs; every field has a real default. */
export interface ProbeHardwareDeps {
  /** Runs `nvidia-smi` and `system_profiler`; default `createExecFileRunner()`. */
  runCommand?: RunCommand;
  /** Default `process.platform`; 'darwin' probes Apple silicon instead of NVIDIA. */
  platform?: NodeJS.Platform;
  /** The worker's data directory: disk space is that of the filesystem holding it. Default: the working directory. */
  dataDir?: string;
}

type GpuFindings = Omit<HardwareProbe, 'machine'>;

/**
 * Probes the machine: CPU, memory, OS (systeminformation), the disk holding the data
 * directory, and the GPUs — NVIDIA through `nvidia-smi -q -x` (plus `nvidia-smi nvlink
 * --status` for links outside a fabric), Apple silicon through `system_profiler` on macOS.
 * No `nvidia-smi` on the machine means no NVIDIA GPUs, not an error.
 * @param deps - injectable command runner, platform and data directory
 * @throws BaseError `HARDWARE_PROBE_FAILED` when a GPU tool is present but fails or prints
 *   something unreadable
 */
export async function probeHardware(deps: ProbeHardwareDeps = {}): Promise<HardwareProbe> {
  const run = deps.runCommand ?? createExecFileRunner();
  const platform = deps.platform ?? process.platform;
  const [machine, found] = await Promise.all([
    probeMachine(resolve(deps.dataDir ?? process.cwd())),
    platform === 'darwin' ? probeAppleSilicon(run) : probeNvidia(run),
  ]);
  return { machine, ...found };
}

async function probeMachine(dataDir: string): Promise<MachineInfo> {
  const [cpu, mem, os, disk] = await Promise.all([si.cpu(), si.mem(), si.osInfo(), diskOf(dataDir)]);
  const threads = Math.max(1, cpu.cores);
  return {
    cpu: {
      model: clip(`${cpu.manufacturer} ${cpu.brand}`.trim() || 'unknown', 200),
      cores: Math.max(1, cpu.physicalCores || threads),
      threads,
    },
    memoryBytes: mem.total,
    disk,
    os: { platform: clip(os.platform, 50), distro: clip(os.distro, 100), release: clip(os.release, 100), arch: clip(os.arch, 50) },
  };
}

/** Size and free space (for this user) of the filesystem holding `dir`, or its nearest existing parent. */
async function diskOf(dir: string): Promise<MachineInfo['disk']> {
  for (let path = dir; ; path = dirname(path)) {
    try {
      const fs = await statfs(path);
      return { totalBytes: fs.blocks * fs.bsize, freeBytes: fs.bavail * fs.bsize };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(path) === path) throw err;
    }
  }
}

async function probeNvidia(run: RunCommand): Promise<GpuFindings> {
  let result;
  try {
    result = await run('nvidia-smi', ['-q', '-x']);
  } catch (err) {
    // The tool is installed (driver utilities in a container, say) but sees no card.
    if (isBaseError(err) && /No devices were found/i.test(String(err.data['output'] ?? ''))) return { gpus: [] };
    throw err;
  }
  if ('missing' in result) return { gpus: [] };
  const report = parseNvidiaSmi(result.stdout);
  let gpus = report.gpus;
  if (gpus.some((g) => !g.nvlink)) gpus = await withNvlinkStatus(run, gpus);
  return { ...report, gpus };
}

/** NVLink outside an NVSwitch fabric shows only here; a failure leaves the cards as they are. */
async function withNvlinkStatus(run: RunCommand, gpus: GpuCard[]): Promise<GpuCard[]> {
  try {
    const result = await run('nvidia-smi', ['nvlink', '--status']);
    return 'missing' in result ? gpus : applyNvlinkStatus(gpus, parseNvlinkStatus(result.stdout));
  } catch {
    return gpus;
  }
}

async function probeAppleSilicon(run: RunCommand): Promise<GpuFindings> {
  const result = await run('system_profiler', ['SPDisplaysDataType', 'SPHardwareDataType', '-json']);
  if ('missing' in result) return { gpus: [] };
  return { gpus: parseSystemProfiler(result.stdout).gpus };
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
