import type { Hardware } from '@tensorgrid/protocol';

/**
 * The memory a device claims by its hardware report, which its memory challenge fills: the
 * VRAM of all its cards for a GPU worker, its RAM for a CPU worker. The coordinator sizes
 * the challenge to it; the worker refuses a spec asking for more.
 * @param hardware - the device's report
 */
export function claimedMemoryBytes(hardware: Pick<Hardware, 'gpus' | 'memoryBytes'>): number {
  return hardware.gpus.length ? hardware.gpus.reduce((sum, g) => sum + g.vramMiB * 2 ** 20, 0) : hardware.memoryBytes;
}
