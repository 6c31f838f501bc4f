import type { DeviceRecord, DeviceStore, TickLock } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import { hardwareClassOf } from '@tensorgrid/domain';
import { exclusivePass } from '../exclusive-pass';
import { periodicTask, type PeriodicTask } from '../periodic-task';
import { jobWorkersOf } from './core/job-workers-of';

/** The tick lock the registrar's passes run under. */
export const DEVICE_CHAIN_REGISTRAR_TICK_LOCK = 'registry.chain-sync';

/** Port: who owns a device on Staking, and recording it (the coordinator's oracle key). */
export interface StakingRegistry {
  /** The device's owner and class on chain (owner: the zero address when unknown). */
  deviceOf(deviceId: string): Promise<{ owner: string; hardwareClass: string }>;
  setDevice(input: { deviceId: string; owner: string; hardwareClass: string }): Promise<void>;
}

/** Port: how many jobs a node may run at once on the JobMarket, and setting it (ORACLE_ROLE). */
export interface JobMarketWorkers {
  workersOf(node: string): Promise<number>;
  setWorkers(input: { node: string; workers: number }): Promise<void>;
}

/** What one pass changed on chain. */
export interface RegistrarPass {
  /** Devices recorded (or re-recorded) on Staking. */
  staking: string[];
  /** Devices whose JobMarket worker count was set, with the count. */
  workers: { deviceId: string; workers: number }[];
}

/** The running registrar. */
export type DeviceChainRegistrar = PeriodicTask<RegistrarPass>;

/** Who a device's stake and rewards belong to: its operator, or the worker itself. */
const ownerOf = (device: DeviceRecord) => (device.operator ?? device.id).toLowerCase();

/**
 * Keeps a registered device's records on chain in step with the coordinator's registry:
 * - on Staking, its owner (its operator, or itself) and hardware class, so its owner can
 *   stake on it and it can be nominated for block rewards;
 * - on the JobMarket (when given), how many jobs it may run at once ({@link jobWorkersOf}),
 *   so a live device's worker can accept jobs and a blocked one cannot.
 * Reconciles rather than reacting to events, so a crash or a failed transaction is retried on
 * the next pass; records already in step cost one read each until seen once. Both send with
 * the oracle key, whose sends go out one at a time within this process (`withSerialSends`);
 * with a tick lock, one replica at a time runs this pass ({@link DEVICE_CHAIN_REGISTRAR_TICK_LOCK}).
 * @param deps - the device store, the chain ports, a logger and the replicas' tick lock
 */
export function createDeviceChainRegistrar(deps: {
  devices: Pick<DeviceStore, 'listDevices'>;
  staking: StakingRegistry;
  market?: JobMarketWorkers;
  log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  lock?: TickLock;
}): DeviceChainRegistrar {
  const inStep = new Set<string>();

  /** Runs `reconcile` once per wanted value of a device; true when it changed the chain. */
  async function once(key: string, reconcile: () => Promise<boolean>): Promise<boolean> {
    if (inStep.has(key)) return false;
    const changed = await reconcile();
    inStep.add(key);
    return changed;
  }

  const recordStake = (device: DeviceRecord) => {
    const wanted = { owner: ownerOf(device), hardwareClass: hardwareClassOf(device) };
    return once(`stake:${device.id}:${wanted.owner}:${wanted.hardwareClass}`, async () => {
      const current = await deps.staking.deviceOf(device.id);
      const recorded = current.owner.toLowerCase() === wanted.owner && current.hardwareClass.toLowerCase() === wanted.hardwareClass;
      if (!recorded) await deps.staking.setDevice({ deviceId: device.id, ...wanted });
      return !recorded;
    });
  };

  const setWorkers = (market: JobMarketWorkers, device: DeviceRecord, workers: number) =>
    once(`workers:${device.id}:${workers}`, async () => {
      if ((await market.workersOf(device.id)) === workers) return false;
      await market.setWorkers({ node: device.id, workers });
      return true;
    });

  async function reconcile(device: DeviceRecord, changed: RegistrarPass): Promise<void> {
    try {
      if (await recordStake(device)) changed.staking.push(device.id);
    } catch (err) {
      deps.log.warn({ err, deviceId: device.id }, 'could not record the device on Staking; retrying next pass');
    }
    const workers = jobWorkersOf(device);
    if (!deps.market || workers === undefined) return;
    try {
      if (await setWorkers(deps.market, device, workers)) changed.workers.push({ deviceId: device.id, workers });
    } catch (err) {
      deps.log.warn({ err, deviceId: device.id, workers }, "could not set the device's JobMarket worker count; retrying next pass");
    }
  }

  async function pass(): Promise<RegistrarPass> {
    const changed: RegistrarPass = { staking: [], workers: [] };
    for (let after: string | undefined; ; ) {
      const page = await deps.devices.listDevices({ limit: 1000, ...(after ? { after } : {}) });
      for (const device of page) await reconcile(device, changed);
      if (page.length < 1000) break;
      after = page[page.length - 1]!.id;
    }
    if (changed.staking.length) deps.log.info({ devices: changed.staking }, 'devices recorded on Staking');
    if (changed.workers.length) deps.log.info({ devices: changed.workers }, 'JobMarket worker counts set');
    return changed;
  }

  const guarded = exclusivePass(pass, { lock: deps.lock, name: DEVICE_CHAIN_REGISTRAR_TICK_LOCK, skipped: () => ({ staking: [], workers: [] }), log: deps.log });
  return periodicTask(guarded, (err) => deps.log.error({ err }, 'device chain registrar pass failed'));
}
