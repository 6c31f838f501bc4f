import type { DeviceRecord, DeviceStore, TickLock } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import { hardwareClassOf } from '@tensorgrid/domain';
import { exclusivePass } from '../exclusive-pass';
import { periodicTask, type PeriodicTask } from '../periodic-task';

/** The tick lock the registrar's passes run under. */
export const STAKING_REGISTRAR_TICK_LOCK = 'registry.staking-sync';

/** Port: who owns a device on Staking, and recording it (the coordinator's registrar key). */
export interface StakingRegistry {
  /** The device's owner and class on chain (owner: the zero address when unknown). */
  deviceOf(deviceId: string): Promise<{ owner: string; hardwareClass: string }>;
  setDevice(input: { deviceId: string; owner: string; hardwareClass: string }): Promise<void>;
}

/** The running registrar: each pass resolves with the devices it recorded on chain. */
export type StakingRegistrar = PeriodicTask<string[]>;

/** Who a device's stake and rewards belong to: its operator, or the worker itself. */
const ownerOf = (device: DeviceRecord) => (device.operator ?? device.id).toLowerCase();

/**
 * Keeps Staking's device registry in step with the coordinator's: every registered device is
 * recorded on chain with its owner (its operator, or itself) and hardware class, so its
 * owner can stake on it and it can be nominated for block rewards. Reconciles rather than
 * reacting to events, so a crash or a failed transaction is retried on the next pass;
 * devices already recorded as they are cost one read each until seen once. With a tick lock,
 * one replica at a time sends the transactions ({@link STAKING_REGISTRAR_TICK_LOCK}): replicas
 * share the registrar's key, and two senders would race for its nonces.
 * @param deps - the device store, the chain, a logger and the replicas' tick lock
 */
export function createStakingRegistrar(deps: { devices: Pick<DeviceStore, 'listDevices'>; staking: StakingRegistry; log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>; lock?: TickLock }): StakingRegistrar {
  const inStep = new Set<string>();

  async function reconcile(device: DeviceRecord): Promise<boolean> {
    const wanted = { owner: ownerOf(device), hardwareClass: hardwareClassOf(device) };
    const key = `${device.id}:${wanted.owner}:${wanted.hardwareClass}`;
    if (inStep.has(key)) return false;
    const current = await deps.staking.deviceOf(device.id);
    const recorded = current.owner.toLowerCase() === wanted.owner && current.hardwareClass.toLowerCase() === wanted.hardwareClass;
    if (!recorded) await deps.staking.setDevice({ deviceId: device.id, ...wanted });
    inStep.add(key);
    return !recorded;
  }

  async function pass(): Promise<string[]> {
    const recorded: string[] = [];
    for (let after: string | undefined; ; ) {
      const page = await deps.devices.listDevices({ limit: 1000, ...(after ? { after } : {}) });
      for (const device of page) {
        try {
          if (await reconcile(device)) recorded.push(device.id);
        } catch (err) {
          deps.log.warn({ err, deviceId: device.id }, 'could not record the device on Staking; retrying next pass');
        }
      }
      if (page.length < 1000) break;
      after = page[page.length - 1]!.id;
    }
    if (recorded.length) deps.log.info({ devices: recorded }, 'devices recorded on Staking');
    return recorded;
  }

  const guarded = exclusivePass(pass, { lock: deps.lock, name: STAKING_REGISTRAR_TICK_LOCK, skipped: () => [], log: deps.log });
  return periodicTask(guarded, (err) => deps.log.error({ err }, 'staking registrar pass failed'));
}
