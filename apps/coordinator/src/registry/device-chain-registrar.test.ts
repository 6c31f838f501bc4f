import { hardwareClassOf, type DeviceRecord, type TickLock } from '@tensorgrid/domain';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createDeviceChainRegistrar, DEVICE_CHAIN_REGISTRAR_TICK_LOCK, type JobMarketWorkers, type StakingRegistry } from './device-chain-registrar';

const device = (id: string, operator: string | null, more: Partial<Pick<DeviceRecord, 'state' | 'simulated'>> = {}) => ({ id, operator, gpuModel: null, state: 'available', simulated: false, ...more }) as DeviceRecord;

describe('device chain registrar', () => {
  it('retries a device whose transaction failed on the next pass, and re-records one whose owner changed', async () => {
    const chain = new Map<string, { owner: string; hardwareClass: string }>();
    let failNext = true;
    const staking: StakingRegistry = {
      deviceOf: async (id) => chain.get(id) ?? { owner: '0x0000000000000000000000000000000000000000', hardwareClass: '0x' },
      setDevice: async ({ deviceId, owner, hardwareClass }) => {
        if (failNext) {
          failNext = false;
          throw new Error('nonce too low');
        }
        chain.set(deviceId, { owner, hardwareClass });
      },
    };
    const devices = [device('0xa', null)];
    const registrar = createDeviceChainRegistrar({ devices: { listDevices: async () => devices }, staking, log: pino({ level: 'silent' }) });
    expect((await registrar.tick()).staking).toEqual([]);
    expect((await registrar.tick()).staking).toEqual(['0xa']);
    expect(chain.get('0xa')?.owner).toBe('0xa');
    expect((await registrar.tick()).staking).toEqual([]);
    devices[0] = device('0xa', '0xop');
    expect((await registrar.tick()).staking).toEqual(['0xa']);
    expect(chain.get('0xa')?.owner).toBe('0xop');
  });

  it('sends nothing while another replica holds the registrar lock (they share its key and nonces)', async () => {
    const sent: string[] = [];
    const staking: StakingRegistry = {
      deviceOf: async () => ({ owner: '0x0000000000000000000000000000000000000000', hardwareClass: '0x' }),
      setDevice: async ({ deviceId }) => void sent.push(deviceId),
    };
    const asked: string[] = [];
    let heldElsewhere = true;
    const lock: TickLock = {
      async withExclusiveTick(name, fn) {
        asked.push(name);
        return heldElsewhere ? { kind: 'held-elsewhere' } : { kind: 'ran', value: await fn() };
      },
    };
    const registrar = createDeviceChainRegistrar({ devices: { listDevices: async () => [device('0xa', null)] }, staking, log: pino({ level: 'silent' }), lock });
    expect((await registrar.tick()).staking).toEqual([]);
    expect(sent).toEqual([]);
    heldElsewhere = false;
    expect((await registrar.tick()).staking).toEqual(['0xa']);
    expect(sent).toEqual(['0xa']);
    expect(asked).toEqual([DEVICE_CHAIN_REGISTRAR_TICK_LOCK, DEVICE_CHAIN_REGISTRAR_TICK_LOCK]);
  });
  it("sets each live device's JobMarket worker count once, takes it away when blocked, retries a failed one and leaves simulated devices alone", async () => {
    const counts = new Map<string, number>();
    const sent: { node: string; workers: number }[] = [];
    let failNext = true;
    const market: JobMarketWorkers = {
      workersOf: async (node) => counts.get(node) ?? 0,
      setWorkers: async (input) => {
        if (failNext) {
          failNext = false;
          throw new Error('nonce too low');
        }
        sent.push(input);
        counts.set(input.node, input.workers);
      },
    };
    const staking: StakingRegistry = { deviceOf: async (id) => ({ owner: id, hardwareClass: hardwareClassOf({ gpuModel: null }) }), setDevice: async () => undefined };
    const devices = [device('0xa', null), device('0xb', null, { state: 'pending' }), device('0xc', null, { simulated: true })];
    const registrar = createDeviceChainRegistrar({ devices: { listDevices: async () => devices }, staking, market, log: pino({ level: 'silent' }) });
    expect((await registrar.tick()).workers).toEqual([]);
    expect((await registrar.tick()).workers).toEqual([{ deviceId: '0xa', workers: 1 }]);
    expect(await registrar.tick()).toEqual({ staking: [], workers: [] });
    devices[0] = device('0xa', null, { state: 'blocked' });
    devices[1] = device('0xb', null);
    expect((await registrar.tick()).workers).toEqual([{ deviceId: '0xa', workers: 0 }, { deviceId: '0xb', workers: 1 }]);
    expect(sent).toEqual([{ node: '0xa', workers: 1 }, { node: '0xa', workers: 0 }, { node: '0xb', workers: 1 }]);
    expect(counts.has('0xc')).toBe(false);
  });
});
