import type { Hardware } from '@tensorgrid/protocol';
import { sampleHardware } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import type { DevnetInfo } from './devnet-info';
import { formatSummary, type SummaryWorker } from './format-summary';

const TOKEN = `0x${'11'.repeat(20)}`;
const REGISTRY = `0x${'22'.repeat(20)}`;
const WORKER = `0x${'33'.repeat(20)}`;
const info: DevnetInfo = {
  version: 1,
  pid: 1234,
  startedAt: '2024-01-01T00:00:00.000Z',
  coordinatorUrl: 'http://127.0.0.1:7070',
  wsUrl: 'ws://127.0.0.1:7070/v1/ws',
  rpcUrl: 'http://127.0.0.1:8545',
  chainId: 31337,
  contracts: { GridToken: TOKEN, Registry: REGISTRY },
  workers: [],
  dataDir: '/home/me/project/.tensorgrid',
};
const hardware: Hardware = { ...sampleHardware(), cpu: { model: 'Apple M2', cores: 8, threads: 8 }, memoryBytes: 16 * 2 ** 30 };
const worker: SummaryWorker = { id: WORKER, state: 'available', hardware };

describe('formatSummary', () => {
  it('shows start-up time, URLs, chain and data directory', () => {
    const text = formatSummary(info, { workers: [worker], readyMs: 4321, reused: false });
    expect(text).toContain('Tensorgrid devnet ready in 4.3 s');
    expect(text).toContain('http://127.0.0.1:7070/v1   (WebSocket ws://127.0.0.1:7070/v1/ws)');
    expect(text).toContain('http://127.0.0.1:8545   chain id 31337');
    expect(text).toContain('/home/me/project/.tensorgrid   (devnet.json, logs/)');
    expect(text).toContain(`curl http://127.0.0.1:7070/v1/health`);
  });

  it('lists every contract once, labelled on the first line only', () => {
    const lines = formatSummary(info, { workers: [], readyMs: 0, reused: false }).split('\n');
    const token = lines.find((l) => l.includes(TOKEN));
    const registry = lines.find((l) => l.includes(REGISTRY));
    expect(token).toMatch(/^ {2}Contracts +GridToken +0x1{40}$/);
    expect(registry).toMatch(/^ {14}Registry +0x2{40}$/);
    expect(lines.filter((l) => l.includes('Contracts'))).toHaveLength(1);
  });

  it('marks contracts as resumed when they were reused', () => {
    const text = formatSummary(info, { workers: [], readyMs: 0, reused: true });
    expect(text).toContain(`${TOKEN}  (resumed)`);
    expect(text).toContain(`${REGISTRY}  (resumed)`);
    expect(formatSummary(info, { workers: [], readyMs: 0, reused: false })).not.toContain('(resumed)');
  });

  it('shows each worker with its state and hardware, and suggests showing the first', () => {
    const second = { ...worker, id: `0x${'44'.repeat(20)}`, state: 'pending' };
    const text = formatSummary(info, { workers: [worker, second], readyMs: 1000, reused: false });
    expect(text).toContain(`Worker      ${WORKER}  [available]`);
    expect(text).toContain(`${second.id}  [pending]`);
    expect(text).toContain('CPU worker: Apple M2 (8 cores), 16.0 GiB RAM');
    expect(text).toContain(`npx tgrid devices show ${WORKER}`);
    expect(text).not.toContain('--no-worker');
  });

  it('says when no worker was started and suggests a placeholder id', () => {
    const text = formatSummary(info, { workers: [], readyMs: 1000, reused: false });
    expect(text).toContain('Worker      none (started with --no-worker)');
    expect(text).toContain('npx tgrid devices show <device-id>');
  });
});
