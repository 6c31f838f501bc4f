import type { Hardware } from '@tensorgrid/protocol';

const GiB = 2 ** 30;

/**
 * A one-line description of a worker's hardware, e.g. "8x NVIDIA H100 80GB HBM3 (80 GiB, NVLink)".
 * @param hardware - the hardware report
 */
export function describeHardware(hardware: Hardware): string {
  const memory = `${(hardware.memoryBytes / GiB).toFixed(1)} GiB RAM`;
  const cpu = `${hardware.cpu.model} (${hardware.cpu.cores} cores)`;
  const first = hardware.gpus[0];
  if (!first) return `CPU worker: ${cpu}, ${memory}`;
  const link = hardware.gpus.some((g) => g.nvlink) ? ', NVLink' : '';
  return `${hardware.gpus.length}x ${first.model} (${Math.round(first.vramMiB / 1024)} GiB${link}); ${cpu}, ${memory}`;
}
