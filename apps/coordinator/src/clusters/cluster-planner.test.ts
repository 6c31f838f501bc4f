import type { DeviceRecord } from '@tensorgrid/domain';
import type { ExplorerDevice } from '@tensorgrid/protocol';
import { describe, expect, it } from 'vitest';
import type { RegistryService } from '../registry/registry-service';
import { createClusterPlanner } from './cluster-planner';
import type { ClusterProbeChannel } from './cluster-probe-channel';
import { clusterProbeOptions } from '../supply-options';

const A = `0x${'a'.repeat(40)}`;
const B = `0x${'b'.repeat(40)}`;

/** A planner over fakes at its ports: both devices registered, available and connected; eligibility as given. */
function planner(eligibility: Record<string, ExplorerDevice['eligibility']>) {
  const asked: string[] = [];
  const registry = { get: async (id: string) => ({ id, state: 'available' }) as DeviceRecord } as unknown as RegistryService;
  const explorer = { get: async (id: string) => ({ id, eligibility: eligibility[id]! }) as ExplorerDevice };
  const channel: ClusterProbeChannel = {
    feature: { handlers: {} },
    hostOf: () => '127.0.0.1',
    ask: async (deviceId) => {
      asked.push(deviceId);
      throw new Error('no probe may start');
    },
  };
  return { asked, planner: createClusterPlanner({ registry, explorer, channel, now: () => 0 }, clusterProbeOptions()) };
}

describe('createClusterPlanner', () => {
  it('refuses devices that may not be hired, naming each with its reasons, before any probe starts', async () => {
    const until = '2026-11-23T18:00:00.000Z';
    const { asked, planner: p } = planner({
      [A]: { eligible: true, reasons: [] },
      [B]: { eligible: false, reasons: [{ code: 'in-trial', until }, { code: 'score-below-threshold', score: 12.5, threshold: 40 }] },
    });
    await expect(p.plan({ devices: [A, B], D_PP: 2, D_DP: 1, c_dp_gb: 1, c_pp_gb: 1, seed: 1, budget: 10 })).rejects.toMatchObject({
      code: 'DEVICES_INELIGIBLE',
      shortMessage: `1 devices may not be hired now: ${B} (in-trial, score-below-threshold)`,
      data: { devices: [B], reasons: { [B]: [{ code: 'in-trial', until }, { code: 'score-below-threshold', score: 12.5, threshold: 40 }] } },
    });
    expect(asked).toEqual([]);
  });
});
