import { BaseError } from '@tensorgrid/protocol';
import type { Topology } from './topology';

/** One measurement between two devices of a cluster, as their probes report it. */
export interface LinkProbe {
  from: string;
  to: string;
  /** Round-trip time, ms. */
  rttMs: number;
  /** Measured throughput, Gbit/s. */
  gbps: number;
}

/**
 * Turns the pairwise probes of a deployed cluster into the scheduler's matrices: one-way
 * delay = RTT / 2; both directions are kept (the cost model averages them). Every ordered
 * pair must have been measured in at least one direction; a pair measured twice in the same
 * direction keeps the later probe.
 * @param devices - the cluster's device ids, in the order the plan will use
 * @param probes - the measurements
 * @param shape - the degrees and volumes (or model) of the job
 * @throws {BaseError} VALIDATION_FAILED naming unknown devices or unmeasured pairs
 */
export function topologyFromProbes(
  devices: readonly string[],
  probes: readonly LinkProbe[],
  shape: Omit<Topology, 'delay_ms' | 'bandwidth_gbps' | 'labels'>,
): Topology {
  const index = new Map(devices.map((d, i) => [d, i]));
  const n = devices.length;
  const delay: (number | undefined)[][] = Array.from({ length: n }, () => new Array(n).fill(undefined));
  const bandwidth: (number | undefined)[][] = Array.from({ length: n }, () => new Array(n).fill(undefined));
  for (const probe of probes) {
    const i = index.get(probe.from);
    const j = index.get(probe.to);
    if (i === undefined || j === undefined) throw new BaseError('VALIDATION_FAILED', `A probe names a device outside the cluster: ${i === undefined ? probe.from : probe.to}`);
    delay[i]![j] = probe.rttMs / 2;
    bandwidth[i]![j] = probe.gbps;
  }
  const missing: string[] = [];
  const fill = (m: (number | undefined)[][], diagonal: number) =>
    m.map((row, i) =>
      row.map((v, j) => {
        if (i === j) return diagonal;
        const value = v ?? m[j]![i];
        if (value === undefined && i < j) missing.push(`${devices[i]}↔${devices[j]}`);
        return value ?? 0;
      }),
    );
  const delay_ms = fill(delay, 0);
  const bandwidth_gbps = fill(bandwidth, 1);
  if (missing.length) {
    throw new BaseError('VALIDATION_FAILED', `${missing.length} device pairs were not measured: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`, {
      data: { missing },
      details: 'Every pair of devices in the cluster must probe each other before placement.',
    });
  }
  return { ...shape, delay_ms, bandwidth_gbps, labels: [...devices] };
}
