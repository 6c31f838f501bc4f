import type { GpuCard, Hardware } from '@tensorgrid/protocol';

/**
 * A GPU card for tests.
 * @param index - the card's index
 * @param model - its product name
 */
export function sampleGpu(index: number, model = 'NVIDIA GeForce RTX 4090'): GpuCard {
  return { index, vendor: 'nvidia', model, vramMiB: 24564, nvlink: false, uuid: `GPU-test-${index}` };
}

/**
 * A plausible hardware report: a CPU worker, or a GPU worker with the given cards.
 * @param gpus - the cards the worker serves (none for a CPU worker)
 */
export function sampleHardware(gpus: GpuCard[] = []): Hardware {
  return {
    kind: gpus.length ? 'gpu' : 'cpu',
    cpu: { model: 'AMD EPYC 7763 64-Core Processor', cores: 16, threads: 32 },
    memoryBytes: 128 * 2 ** 30,
    disk: { totalBytes: 2 * 10 ** 12, freeBytes: 10 ** 12 },
    os: { platform: 'linux', distro: 'Debian GNU/Linux', release: '12', arch: 'x64' },
    gpus,
    ...(gpus.length ? { driverVersion: '550.54.15', cudaVersion: '12.4' } : {}),
  };
}
