import { BaseError } from '@tensorgrid/protocol';
import type { HardwareProbe } from './hardware-for-worker';

/**
 * The probe as the operator offers it: `cores` of the machine's physical cores (and their
 * share of its logical processors), the rest kept for the operator's own use. A CPU
 * worker's compute claim, its compute threads and its share of the CPU reward pool all
 * follow the cores in its report, so an operator who needs some cores for other work says
 * so here rather than failing its challenges.
 * @param probe - what the probe found
 * @param cores - cores to offer; undefined offers them all
 * @throws {BaseError} CONFIG_INVALID when the machine has fewer cores
 */
export function offerCpuCores(probe: HardwareProbe, cores: number | undefined): HardwareProbe {
  const { cpu } = probe.machine;
  if (cores === undefined || cores === cpu.cores) return probe;
  if (cores > cpu.cores) {
    throw new BaseError('CONFIG_INVALID', `Cannot offer ${cores} CPU cores: this machine has ${cpu.cores}`, { details: `Set --cpu-cores (TG_CPU_CORES) to at most ${cpu.cores}, or leave it out to offer them all.` });
  }
  const threads = Math.max(cores, Math.floor((cpu.threads * cores) / cpu.cores));
  return { ...probe, machine: { ...probe.machine, cpu: { ...cpu, cores, threads } } };
}
