import type { Kysely } from 'kysely';
import type { DeviceDirectory, DeviceListing } from '@tensorgrid/domain';
import { toDeviceRecord } from './device-row';
import { tierToText, toDeviceNetwork } from './device-network-store';
import type { Database } from './schema';
import { checkPageSize } from './check-page-size';

const MAX_PAGE = 1000;

/**
 * The explorer's device directory over Kysely: `devices` left-joined with `device_network`,
 * filtered in SQL and ordered by id for keyset pagination.
 * @param db - an open, migrated database
 */
export function createDeviceDirectory(db: Kysely<Database>): DeviceDirectory {
  const base = () =>
    db
      .selectFrom('devices')
      .leftJoin('device_network', 'device_network.device_id', 'devices.id')
      .selectAll('devices')
      .select(['device_network.down_mbps', 'device_network.up_mbps', 'device_network.tier', 'device_network.throughput_at', 'device_network.latency_ms', 'device_network.last_rtt_ms', 'device_network.latency_at']);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toListing = (row: Row): DeviceListing => ({ device: toDeviceRecord(row), network: toDeviceNetwork(row) });

  return {
    async findDevices(filter) {
      checkPageSize(filter.limit, MAX_PAGE);
      let q = base();
      if (filter.state !== undefined) q = q.where('devices.state', '=', filter.state);
      if (filter.gpuModel !== undefined) q = q.where('devices.gpu_model', '=', filter.gpuModel);
      if (filter.country !== undefined) q = q.where('devices.country', '=', filter.country);
      if (filter.tier !== undefined) q = q.where('device_network.tier', '=', tierToText(filter.tier));
      if (filter.simulated !== undefined) q = q.where('devices.simulated', '=', filter.simulated ? 1 : 0);
      if (filter.after !== undefined) q = q.where('devices.id', '>', filter.after);
      const rows = await q.orderBy('devices.id').limit(filter.limit).execute();
      return rows.map(toListing);
    },
    async getListing(id) {
      const row = await base().where('devices.id', '=', id).executeTakeFirst();
      return row && toListing(row);
    },
  };
}
