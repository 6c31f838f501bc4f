import type { ChallengeResult, DeviceRecord } from '@tensorgrid/domain';
import type { ServerMessage } from '@tensorgrid/protocol';
import { sampleGpu, sampleHardware } from '@tensorgrid/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChallengeKindAdapter, ChallengeVerdict } from './challenge-kind-adapter';
import { createChallengeRunner } from './challenge-runner';

/** A pow adapter that says which set planned it. */
const tagged = (set: string): ChallengeKindAdapter => ({
  kind: 'pow',
  plan: () => ({ spec: { set }, timeoutMs: 60_000 }),
  onReady: () => ({ kind: 'verdict', verdict: { passed: true, reason: null, metrics: {} } }),
});

const device = (id: string, options: { gpus: number; simulated: boolean }): DeviceRecord =>
  ({ id, operator: null, state: 'available', gpuModel: null, hardware: sampleHardware(Array.from({ length: options.gpus }, (_, i) => sampleGpu(i))), simulated: options.simulated, registeredAt: 0, stateChangedAt: 0, lastHeartbeatAt: 0, heartbeatSeq: 1, location: null }) as DeviceRecord;

describe('createChallengeRunner', () => {
  it('sizes a challenge with the set of the device’s kind: simulated, GPU worker or CPU worker', async () => {
    const sent: { deviceId: string; message: ServerMessage }[] = [];
    const stored: ChallengeResult[] = [];
    const runner = createChallengeRunner({
      adapters: { gpu: [tagged('gpu')], cpu: [tagged('cpu')], simulated: [tagged('simulated')] },
      sendTo: (deviceId, message) => (sent.push({ deviceId, message }), true),
      results: { record: async (result) => void stored.push(result), list: async () => [] },
      now: () => 0,
    });
    const devices = [device('0xa', { gpus: 2, simulated: false }), device('0xb', { gpus: 0, simulated: false }), device('0xc', { gpus: 2, simulated: true })];
    const outcomes = devices.map((d) => runner.issue(d, 'pow'));
    expect(sent.map(({ deviceId, message }) => [deviceId, message.type === 'challenge.issued' ? message.spec : null])).toEqual([
      ['0xa', { set: 'gpu' }],
      ['0xb', { set: 'cpu' }],
      ['0xc', { set: 'simulated' }],
    ]);
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.kind !== 'issued') throw new Error(`not issued: ${outcome.kind}`);
      await runner.ready(devices[i]!.id, { id: outcome.id, commitment: {} });
    }
    expect(stored.map((r) => r.passed)).toEqual([true, true, true]);
    expect(runner.inFlight()).toBe(0);
  });

  it('finds a kind missing from the device’s set not applicable', () => {
    const runner = createChallengeRunner({
      adapters: { gpu: [tagged('gpu')], cpu: [], simulated: [] },
      sendTo: () => true,
      results: { record: async () => undefined, list: async () => [] },
      now: () => 0,
    });
    expect(runner.issue(device('0xb', { gpus: 0, simulated: false }), 'pow')).toEqual({ kind: 'not-applicable' });
  });

  it('settles a result it could not store, reports the error and tells the device nothing', async () => {
    const sent: ServerMessage[] = [];
    const errors: unknown[] = [];
    const down = new Error('database unreachable');
    const runner = createChallengeRunner({
      adapters: { gpu: [], cpu: [tagged('cpu')], simulated: [] },
      sendTo: (_deviceId, message) => (sent.push(message), true),
      results: { record: () => Promise.reject(down), list: async () => [] },
      now: () => 0,
      onRecordError: (err) => errors.push(err),
    });
    const cpu = device('0xb', { gpus: 0, simulated: false });
    const issued = runner.issue(cpu, 'pow');
    if (issued.kind !== 'issued') throw new Error(`not issued: ${issued.kind}`);
    await runner.ready(cpu.id, { id: issued.id, commitment: {} });
    // The round that waits on the result is not left waiting for good.
    await expect(issued.result).resolves.toMatchObject({ passed: true });
    expect(errors).toEqual([down]);
    expect(sent.map((m) => m.type)).toEqual(['challenge.issued']);
  });

  describe('while an answer is checked', () => {
    afterEach(() => vi.useRealTimers());

    /** A kind that asks back and checks the answer with `check` (the test decides when it settles). */
    const asking = (check: () => Promise<ChallengeVerdict>): ChallengeKindAdapter => ({
      kind: 'memory',
      plan: () => ({ spec: {}, timeoutMs: 1_000 }),
      onReady: () => ({ kind: 'query', query: { probes: [] } }),
      onAnswer: check,
    });

    async function answered(check: () => Promise<ChallengeVerdict>) {
      const stored: ChallengeResult[] = [];
      const errors: unknown[] = [];
      const runner = createChallengeRunner({
        adapters: { gpu: [], cpu: [asking(check)], simulated: [] },
        sendTo: () => true,
        results: { record: async (result) => void stored.push(result), list: async () => [] },
        now: () => 0,
        onCheckError: (err) => errors.push(err),
      });
      const cpu = device('0xb', { gpus: 0, simulated: false });
      const issued = runner.issue(cpu, 'memory');
      if (issued.kind !== 'issued') throw new Error(`not issued: ${issued.kind}`);
      await runner.ready(cpu.id, { id: issued.id, commitment: {} });
      const answering = runner.answer(cpu.id, { id: issued.id, answer: {} });
      return { runner, stored, errors, answering, deviceId: cpu.id };
    }

    it('neither the timeout nor a closed session fails the device: the check decides', async () => {
      vi.useFakeTimers();
      let settle!: (v: ChallengeVerdict) => void;
      const { runner, stored, answering, deviceId } = await answered(() => new Promise((resolve) => (settle = resolve)));
      vi.advanceTimersByTime(5_000);
      runner.sessionClosed(deviceId);
      await Promise.resolve();
      expect(stored).toEqual([]);
      expect(runner.inFlight()).toBe(1);
      settle({ passed: true, reason: null, metrics: { probes: 0 } });
      await answering;
      expect(stored).toEqual([expect.objectContaining({ passed: true, reason: null, metrics: expect.objectContaining({ probes: 0 }) })]);
      expect(runner.inFlight()).toBe(0);
    });

    it('a check that throws fails the challenge with check-error and is reported', async () => {
      const boom = new Error('thread died');
      const { stored, errors, answering } = await answered(() => Promise.reject(boom));
      await answering;
      expect(stored).toEqual([expect.objectContaining({ passed: false, reason: 'check-error' })]);
      expect(errors).toEqual([boom]);
    });
  });
});
