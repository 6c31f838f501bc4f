import type { DeviceState } from '@tensorgrid/protocol';

/** What to do with a report of foreign GPU processes. */
export type ForeignWorkloadDecision = { kind: 'block'; why: string } | { kind: 'ignore' };

/**
 * A hired (busy) device that runs GPU processes its agent did not start is blocked: the
 * buyer pays for those GPUs. Outside a hire the operator may use its own hardware.
 * @param state - the device's state now
 * @param processes - the foreign processes reported
 */
export function decideForeignWorkload(state: DeviceState, processes: readonly { pid: number; name: string }[]): ForeignWorkloadDecision {
  if (state !== 'busy' || processes.length === 0) return { kind: 'ignore' };
  return { kind: 'block', why: `ran ${processes.length} foreign GPU process(es) while hired: ${processes.slice(0, 5).map((p) => `${p.name} (${p.pid})`).join(', ')}` };
}
