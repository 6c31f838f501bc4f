import { describe, expect, it } from 'vitest';
import { loadVerifierOptions } from './config';

const ENV = { TG_RPC_URL: 'http://127.0.0.1:8545', TG_JOB_MARKET_ADDRESS: `0x${'12'.repeat(20)}`, TG_VERIFIER_KEY: `0x${'ab'.repeat(32)}` };

describe('loadVerifierOptions', () => {
  it('fills the defaults: coordinator, chain 31337, 2 s, 120 s to answer, 4 verdicts of bond', () => {
    expect(loadVerifierOptions(ENV)).toMatchObject({ coordinatorUrl: 'http://127.0.0.1:7070', chainId: 31337, intervalMs: 2_000, respondWithinSeconds: 120, bondVerdicts: 4 });
  });

  it('takes the environment, and flags over it', () => {
    const options = loadVerifierOptions({ ...ENV, TG_VERIFIER_INTERVAL_MS: '500', TG_VERIFIER_RESPOND_WITHIN_S: '30' }, { respondWithinSeconds: 45 });
    expect(options).toMatchObject({ intervalMs: 500, respondWithinSeconds: 45 });
  });

  it('takes an optional referee key (TG_REFEREE_KEY) and checks its form', () => {
    expect(loadVerifierOptions(ENV).refereeKey).toBeUndefined();
    expect(loadVerifierOptions({ ...ENV, TG_REFEREE_KEY: `0x${'cd'.repeat(32)}` }).refereeKey).toBe(`0x${'cd'.repeat(32)}`);
    expect(() => loadVerifierOptions({ ...ENV, TG_REFEREE_KEY: '0xabc' })).toThrow(/refereeKey/);
  });

  it('runs the canary bot only with both of its key lists (TG_CANARY_KEYS, TG_CANARY_NODE_KEYS, comma-separated), each key once; the rate defaults to 2 %', () => {
    const [r1, r2, n1, n2] = ['c1', 'c2', 'd1', 'd2'].map((b) => `0x${b.repeat(32)}`);
    const canary = { TG_CANARY_KEYS: `${r1}, ${r2}`, TG_CANARY_NODE_KEYS: `${n1},${n2}` };
    expect(loadVerifierOptions({ ...ENV, ...canary })).toMatchObject({ canaryKeys: [r1, r2], canaryNodeKeys: [n1, n2], canaryRate: 0.02 });
    expect(loadVerifierOptions(ENV, { canaryKeys: [r1], canaryNodeKeys: [n1] })).toMatchObject({ canaryKeys: [r1], canaryNodeKeys: [n1] });
    expect(loadVerifierOptions({ ...ENV, ...canary, TG_CANARY_RATE: '0.5' }).canaryRate).toBe(0.5);
    expect(() => loadVerifierOptions({ ...ENV, TG_CANARY_KEYS: r1 })).toThrow(/canaryNodeKeys/);
    expect(() => loadVerifierOptions({ ...ENV, ...canary, TG_CANARY_NODE_KEYS: `${n1},0xabc` })).toThrow(/canaryNodeKeys/);
    expect(() => loadVerifierOptions({ ...ENV, ...canary, TG_CANARY_NODE_KEYS: ' , ' })).toThrow(/canaryNodeKeys\.0/);
    expect(() => loadVerifierOptions(ENV, { canaryKeys: [], canaryNodeKeys: [n1] })).toThrow(/canaryKeys/);
    // A node among the requesters (it could not dispute its own canary), a key listed twice, the verifier's own key.
    expect(() => loadVerifierOptions({ ...ENV, ...canary, TG_CANARY_NODE_KEYS: `${n1},${r2!.toUpperCase().replace('0X', '0x')}` })).toThrow(/canaryKeys.*listed once/);
    expect(() => loadVerifierOptions({ ...ENV, ...canary, TG_CANARY_NODE_KEYS: `${n1},${n1}` })).toThrow(/canaryKeys.*listed once/);
    expect(() => loadVerifierOptions({ ...ENV, ...canary, TG_CANARY_NODE_KEYS: ENV.TG_VERIFIER_KEY })).toThrow(/canaryKeys.*own canaries/);
    expect(() => loadVerifierOptions({ ...ENV, ...canary, TG_REFEREE_KEY: n2 })).toThrow(/canaryKeys.*own canaries/);
    expect(() => loadVerifierOptions({ ...ENV, ...canary, TG_CANARY_RATE: '2' })).toThrow(/canaryRate/);
  });

  it('refuses a missing key or market and a too-short answer window, naming the field', () => {
    expect(() => loadVerifierOptions({ TG_RPC_URL: ENV.TG_RPC_URL })).toThrow(/privateKey|jobMarketAddress/);
    expect(() => loadVerifierOptions({ ...ENV, TG_VERIFIER_KEY: '0x1234' })).toThrow(/privateKey/);
    expect(() => loadVerifierOptions({ ...ENV, TG_VERIFIER_RESPOND_WITHIN_S: '5' })).toThrow(/respondWithinSeconds/);
  });
});
