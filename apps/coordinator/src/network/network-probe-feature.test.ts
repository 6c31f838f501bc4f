import { createHash } from 'node:crypto';
import type { DeviceNetwork, DeviceNetworkStore } from '@tensorgrid/domain';
import type { ClientMessage, ServerMessage } from '@tensorgrid/protocol';
import { createNetworkProbeResponder } from '@tensorgrid/sdk';
import { describe, expect, it } from 'vitest';
import type { WsSessionContext } from '../ws/ws-feature';
import { networkProbeFeature, type NetworkProbeOptions } from './network-probe-feature';

const KiB = 1024;
/** Small sizes, so a unit test moves little; the window is the real one (200 ms). */
const options: NetworkProbeOptions = {
  chunkBytes: KiB, startBytes: 4 * KiB, maxBytes: 512 * KiB, budgetBytes: 1024 * KiB,
  tierScale: 1e-4, firstDelayMs: 3_600_000, intervalMs: 3_600_000, timeoutMs: 5_000,
};

/** A device network store in memory (a fake at the port). */
function memoryNetwork(): DeviceNetworkStore & { saved: Map<string, NonNullable<DeviceNetwork['throughput']>> } {
  const saved = new Map<string, NonNullable<DeviceNetwork['throughput']>>();
  return {
    saved,
    saveThroughput: async (id, throughput) => void saved.set(id, throughput),
    saveLatency: async () => undefined,
    getNetwork: async (id) => ({ throughput: saved.get(id) ?? null, latency: null }),
  };
}

interface Link {
  downMBps: number;
  upMBps: number;
  /** Rewrites the device's answers (a cheat). */
  tamper?: { ack?: (m: ClientMessage) => ClientMessage; frame?: (f: Uint8Array) => Uint8Array };
  /** Upload frames are kept here instead of sent (a device that uploads too late). */
  holdUploads?: Uint8Array[];
}

/**
 * A device in-process: the SDK's real responder behind a fake session, on a fake monotonic
 * clock that each transfer advances by its size at the link's speed. So the speeds, and the
 * transfer sizes the feature chooses, do not depend on this machine.
 */
function setup(link: Link, extra: { rttMs?: number; options?: Partial<NetworkProbeOptions> } = {}) {
  let clock = 0;
  const network = memoryNetwork();
  const probe = networkProbeFeature(
    { network, now: () => 1_000, log: { warn: () => undefined, error: () => undefined }, monotonicNow: () => clock, rttMs: () => extra.rttMs },
    { ...options, ...extra.options },
  );
  const { feature } = probe;
  const announced: { type: string; bytes: number }[] = [];
  const deviceId = '0x' + 'ab'.repeat(20);
  const responder = createNetworkProbeResponder({
    sendJson: (m) => {
      const answer = link.tamper?.ack?.(m) ?? m;
      if (answer.type === 'net.probe.ack') feature.handlers['net.probe.ack']!(session, answer);
    },
    sendBinary: async (data) => {
      if (link.holdUploads) link.holdUploads.push(data);
      else feature.onBinary!(session, Buffer.from(link.tamper?.frame?.(data) ?? data));
    },
  });
  const session: WsSessionContext = {
    deviceId,
    remoteAddress: '127.0.0.1',
    bufferedAmount: 0,
    terminate: () => undefined,
    send(message: ServerMessage) {
      if (message.type === 'net.probe' || message.type === 'net.upload') {
        const bytes = message.chunks * message.chunkBytes;
        announced.push({ type: message.type, bytes });
        clock += (bytes / ((message.type === 'net.probe' ? link.downMBps : link.upMBps) * 1e6)) * 1000;
      }
      responder.onMessage(message);
    },
    sendBinary: async (data) => responder.onBinary(data),
  };
  feature.onAuthenticated!(session);
  const close = () => feature.onClose!(session);
  return { probe, feature, session, network, deviceId, announced, close };
}

const sizes = (announced: { type: string; bytes: number }[], type: string) => announced.filter((a) => a.type === type).map((a) => a.bytes / KiB);

describe('networkProbeFeature', () => {
  it('times a slow link on its first transfer and stores the speeds and their tier', async () => {
    const t = setup({ downMBps: 0.02, upMBps: 0.005 });
    // 4 KiB at 0.02 MB/s: 205 ms, at least the window: one transfer each way.
    expect(await t.probe.measure(t.deviceId)).toEqual({ downMBps: expect.closeTo(0.02, 9), upMBps: expect.closeTo(0.005, 9) });
    expect(sizes(t.announced, 'net.probe')).toEqual([4]);
    expect(sizes(t.announced, 'net.upload')).toEqual([4]);
    // At scale 1e-4 tier 4 is 0.01/0.001 MB/s down/up.
    expect(t.network.saved.get(t.deviceId)).toMatchObject({ tier: 4, measuredAt: 1_000 });
    expect(t.probe.stats().bytesMoved).toBe(8 * KiB);
    t.close();
  });

  it('escalates to bigger transfers on a fast link, until one lasts the window', async () => {
    const t = setup({ downMBps: 0.2, upMBps: 0.15 });
    const measured = await t.probe.measure(t.deviceId);
    // 4 KiB at 0.2 MB/s: 20 ms, too short; the next is sized (≤ 16×) to last 1.5 windows: 59 KiB (302 ms).
    expect(sizes(t.announced, 'net.probe')).toEqual([4, 59]);
    expect(sizes(t.announced, 'net.upload')).toEqual([4, 44]);
    expect(measured).toEqual({ downMBps: expect.closeTo(0.2, 9), upMBps: expect.closeTo(0.15, 9) });
    expect(t.network.saved.get(t.deviceId)?.tier).toBe(1);
    t.close();
  });

  it('stops at the largest transfer, and uses a window of 4 round trips when the device is far away', async () => {
    const fast = setup({ downMBps: 100, upMBps: 100 });
    await fast.probe.measure(fast.deviceId);
    expect(sizes(fast.announced, 'net.probe')).toEqual([4, 64, 512]);
    fast.close();
    const far = setup({ downMBps: 0.16, upMBps: 0.16 }, { rttMs: 100 });
    await far.probe.measure(far.deviceId);
    // The window is 400 ms: 4 KiB (25.6 ms) → 64 KiB (16×, 410 ms).
    expect(sizes(far.announced, 'net.probe')).toEqual([4, 64]);
    far.close();
  });

  it('runs one measurement per device at a time: a second caller joins the one in progress', async () => {
    const t = setup({ downMBps: 0.02, upMBps: 0.02 });
    const [a, b] = await Promise.all([t.probe.measure(t.deviceId), t.probe.measure(t.deviceId)]);
    expect(b).toEqual(a);
    expect(sizes(t.announced, 'net.probe')).toEqual([4]);
    t.close();
  });

  it('stays within the budget of each direction', async () => {
    const t = setup({ downMBps: 100, upMBps: 100 }, { options: { budgetBytes: 100 * KiB } });
    await t.probe.measure(t.deviceId);
    expect(sizes(t.announced, 'net.probe')).toEqual([4, 64]);
    expect(sizes(t.announced, 'net.upload')).toEqual([4, 64]);
    t.close();
  });

  it('stores a device that answers with a wrong hash as failed (0 MB/s, unranked), without asking for its upload', async () => {
    const guess = createHash('sha256').update('guess').digest('hex');
    const t = setup({ downMBps: 1, upMBps: 1, tamper: { ack: (m) => (m.type === 'net.probe.ack' ? { ...m, sha256: [...m.sha256.slice(0, -1), guess] } : m) } });
    expect(await t.probe.measure(t.deviceId)).toEqual({ downMBps: 0, upMBps: 0 });
    expect(t.network.saved.get(t.deviceId)).toMatchObject({ downMBps: 0, upMBps: 0, tier: 'unranked' });
    expect(sizes(t.announced, 'net.upload')).toEqual([]);
    t.close();
  });

  it('catches a device that made up the hashes of the frames before the last', async () => {
    const guess = createHash('sha256').update('guess').digest('hex');
    // 64 KiB at 0.1 MB/s: one transfer of 64 frames; all but the last hash are made up, and 8 of them are checked.
    const t = setup({ downMBps: 0.1, upMBps: 0.1, tamper: { ack: (m) => (m.type === 'net.probe.ack' ? { ...m, sha256: m.sha256.map((h, i) => (i === m.sha256.length - 1 ? h : guess)) } : m) } }, { options: { startBytes: 64 * KiB } });
    expect(await t.probe.measure(t.deviceId)).toEqual({ downMBps: 0, upMBps: 0 });
    expect(sizes(t.announced, 'net.probe')).toEqual([64]);
    t.close();
  });

  it('does not accept an ack with fewer hashes than frames', async () => {
    const t = setup({ downMBps: 1, upMBps: 1, tamper: { ack: (m) => (m.type === 'net.probe.ack' ? { ...m, sha256: m.sha256.slice(1) } : m) } });
    expect(await t.probe.measure(t.deviceId)).toEqual({ downMBps: 0, upMBps: 0 });
    t.close();
  });

  it('stores an upload of bytes other than the keystream as failed', async () => {
    const zeros = (f: Uint8Array) => Uint8Array.from(f, (b, i) => (i < 20 ? b : 0));
    const t = setup({ downMBps: 1, upMBps: 1, tamper: { frame: zeros } });
    expect(await t.probe.measure(t.deviceId)).toEqual({ downMBps: 0, upMBps: 0 });
    expect(t.network.saved.get(t.deviceId)?.tier).toBe('unranked');
    t.close();
  });

  it('refuses binary messages no transfer asked for, and after a timed-out upload takes only the frames still owed', async () => {
    const held: Uint8Array[] = [];
    const t = setup({ downMBps: 1, upMBps: 1, holdUploads: held }, { options: { timeoutMs: 30 } });
    expect(() => t.feature.onBinary!(t.session, Buffer.alloc(20 + KiB))).toThrow(/No upload/);
    expect(() => t.feature.onBinary!(t.session, Buffer.alloc(3))).toThrow(/No upload/);
    // The device uploads too late: the transfer times out and the device is not measured this round.
    expect(await t.probe.measure(t.deviceId)).toBeUndefined();
    expect(t.network.saved.size).toBe(0);
    expect(held).toHaveLength(4);
    // The frames it was asked for are dropped quietly when they come; one more is refused.
    for (const frame of held) t.feature.onBinary!(t.session, Buffer.from(frame));
    expect(() => t.feature.onBinary!(t.session, Buffer.from(held[0]!))).toThrow(/No upload/);
    t.close();
  });
});
