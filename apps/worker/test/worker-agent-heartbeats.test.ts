import type { DeviceStore } from '@tensorgrid/domain';
import { createCoordinatorClient, getDevice } from '@tensorgrid/sdk';
import { sampleHardware, startTestCoordinator, type TestCoordinator, until } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerAgent } from '../src/agent/worker-agent';

const log = pino({ level: 'silent' });


describe('worker agent heartbeats over its session', () => {
  let coord: TestCoordinator;
  let failBatches = false;
  beforeAll(async () => {
    const wrapDevices = (store: DeviceStore): DeviceStore => ({
      ...store,
      recordHeartbeats: async (batch) => {
        if (failBatches) throw new Error('disk full');
        return store.recordHeartbeats(batch);
      },
    });
    coord = await startTestCoordinator('sqlite', { wrapDevices });
  });
  afterAll(async () => coord?.close());

  it('sends heartbeats over the open session, and over HTTP while the session path fails', async () => {
    const client = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) });
    const agent = createWorkerAgent({ client, hardware: sampleHardware(), log, heartbeatIntervalMs: 20 });
    await agent.start();
    await until(() => coord.app.heartbeats.stats().recorded >= 3, 'heartbeats over the session');
    failBatches = true;
    try {
      await until(() => coord.app.heartbeats.stats().refused >= 1, 'a refused session heartbeat');
      const seq = (await getDevice(client, { id: agent.deviceId })).heartbeatSeq;
      // The store's batch path fails, so these advance through the signed HTTP fallback.
      await until(async () => (await getDevice(client, { id: agent.deviceId })).heartbeatSeq >= seq + 3, 'heartbeats over HTTP');
    } finally {
      failBatches = false;
    }
    const recorded = coord.app.heartbeats.stats().recorded;
    await until(() => coord.app.heartbeats.stats().recorded > recorded, 'heartbeats over the session again');
    await agent.stop();
    expect(agent.state).toBe('STOPPED');
  });
});
