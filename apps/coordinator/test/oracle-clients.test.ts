/**
 * The oracle key's sends from two coordinator replicas, each a real process on one PostgreSQL
 * schema, sending at the same moment on real anvil: with the replica mutex every transaction
 * goes through, with consecutive nonces (without it, some fail with "nonce too low").
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ANVIL_DEV_KEYS, createChainClients } from '@tensorgrid/chain';
import { openTestDatabase, TEST_PG_URL, withAnvil, type AnvilFixture, type TestDatabase } from '@tensorgrid/test-utils';
import type { Hash } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SENDER = fileURLToPath(new URL('./fixtures/replica-sends.ts', import.meta.url));
const PER_REPLICA = 4;

interface Done {
  hashes: Hash[];
  errors: string[];
}

describe('oracle sends from two replica processes (PostgreSQL, anvil)', () => {
  let anvil: AnvilFixture;
  let database: TestDatabase;

  beforeAll(async () => {
    anvil = await withAnvil();
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.close();
    await anvil?.stop();
  });

  /** Starts both replicas, lets them go at once, and gathers what each sent. */
  async function sendFromTwoReplicas(): Promise<Done[]> {
    const args = [anvil.rpcUrl, String(anvil.chainId), ANVIL_DEV_KEYS[1]!, TEST_PG_URL, database.location, String(PER_REPLICA)];
    const children = [0, 1].map(() => fork(SENDER, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const next = (child: (typeof children)[number], type: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`replica exited (${code}) before ${type}`)));
        child.on('message', (m: Record<string, unknown>) => m.type === type && resolve(m));
      });
    const done = children.map((child) => next(child, 'done'));
    await Promise.all(children.map((child) => next(child, 'ready')));
    for (const child of children) child.send('go');
    return (await Promise.all(done)) as unknown as Done[];
  }

  it('all go through, with consecutive nonces, when both hold the key\'s replica mutex', async () => {
    const oracle = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[1]! });
    const start = await oracle.publicClient.getTransactionCount({ address: oracle.account.address, blockTag: 'pending' });
    const results = await sendFromTwoReplicas();
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const hashes = results.flatMap((r) => r.hashes);
    expect(hashes).toHaveLength(2 * PER_REPLICA);
    const receipts = await Promise.all(hashes.map((hash) => oracle.publicClient.waitForTransactionReceipt({ hash })));
    expect(receipts.map((r) => r.status)).toEqual(Array(2 * PER_REPLICA).fill('success'));
    const nonces = await Promise.all(hashes.map(async (hash) => (await oracle.publicClient.getTransaction({ hash })).nonce));
    expect([...nonces].sort((a, b) => a - b)).toEqual(Array.from({ length: 2 * PER_REPLICA }, (_, i) => start + i));
  });
});
