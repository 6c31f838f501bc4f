import type { Kysely } from 'kysely';
import type { ConnectivityTier, DeviceNetwork, DeviceNetworkStore } from '@tensorgrid/domain';
import type { Database, DeviceNetworkTable } from './schema';

/**
 * Stored form of a tier: text, '1'..'4' or 'unranked' (so a filter compares one column).
 * @param tier - a connectivity tier
 */
export function tierToText(tier: ConnectivityTier): string {
  return String(tier);
}

function tierFromText(text: string): ConnectivityTier {
  return text === 'unranked' ? 'unranked' : (Number(text) as 1 | 2 | 3 | 4);
}

/**
 * The API shape of a `device_network` row (or of none).
 * @param row - the row, or undefined when never measured
 */
export function toDeviceNetwork(row: Partial<DeviceNetworkTable> | undefined): DeviceNetwork {
  return {
    throughput:
      row?.down_mbps == null || row.up_mbps == null || row.tier == null || row.throughput_at == null
        ? null
        : { downMBps: row.down_mbps, upMBps: row.up_mbps, tier: tierFromText(row.tier), measuredAt: row.throughput_at },
    latency: row?.latency_ms == null || row.last_rtt_ms == null || row.latency_at == null ? null : { latestMs: row.last_rtt_ms, medianMs: row.latency_ms, measuredAt: row.latency_at },
  };
}

/**
 * The latest measured network of each device over Kysely: one upsert per measurement.
 * @param db - an open, migrated database
 */
export function createDeviceNetworkStore(db: Kysely<Database>): DeviceNetworkStore {
  return {
    async saveThroughput(deviceId, t) {
      const values = { down_mbps: t.downMBps, up_mbps: t.upMBps, tier: tierToText(t.tier), throughput_at: t.measuredAt };
      await db.insertInto('device_network').values({ device_id: deviceId, ...values }).onConflict((oc) => oc.column('device_id').doUpdateSet(values)).execute();
    },
    async saveLatency(deviceId, l) {
      const values = { latency_ms: l.medianMs, last_rtt_ms: l.latestMs, latency_at: l.measuredAt };
      await db.insertInto('device_network').values({ device_id: deviceId, ...values }).onConflict((oc) => oc.column('device_id').doUpdateSet(values)).execute();
    },
    async getNetwork(deviceId) {
      return toDeviceNetwork(await db.selectFrom('device_network').selectAll().where('device_id', '=', deviceId).executeTakeFirst());
    },
  };
}
