import type { DeviceRecord, TickLock } from '@tensorgrid/domain';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createStakingRegistrar, STAKING_REGISTRAR_TICK_LOCK, type StakingRegistry } from './staking-registrar';

const device = (id: string, operator: string | null) => ({ id, operator, gpuModel: null }) as DeviceRecord;

describe('staking registrar', () => {
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
    const registrar = createStakingRegistrar({ devices: { listDevices: async () => devices }, staking, log: pino({ level: 'silent' }) });
    expect(await registrar.tick()).toEqual([]);
    expect(await registrar.tick()).toEqual(['0xa']);
    expect(chain.get('0xa')?.owner).toBe('0xa');
    expect(await registrar.tick()).toEqual([]);
    devices[0] = device('0xa', '0xop');
    expect(await registrar.tick()).toEqual(['0xa']);
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
    const registrar = createStakingRegistrar({ devices: { listDevices: async () => [device('0xa', null)] }, staking, log: pino({ level: 'silent' }), lock });
    expect(await registrar.tick()).toEqual([]);
    expect(sent).toEqual([]);
    heldElsewhere = false;
    expect(await registrar.tick()).toEqual(['0xa']);
    expect(sent).toEqual(['0xa']);
    expect(asked).toEqual([STAKING_REGISTRAR_TICK_LOCK, STAKING_REGISTRAR_TICK_LOCK]);
  });
});
