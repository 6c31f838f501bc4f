import type { ClusterPeerResult, ClusterReceipt } from '@tensorgrid/protocol';
import { describe, expect, it } from 'vitest';
import { checkLinkProbes, type IssuedPair } from './check-link-probes';

const A = `0x${'a'.repeat(40)}`;
const B = `0x${'b'.repeat(40)}`;
const C = `0x${'c'.repeat(40)}`;
const hash = (c: string) => c.repeat(64);
const pairs: IssuedPair[] = [
  { prober: A, target: B, token: '1'.repeat(64) },
  { prober: C, target: A, token: '2'.repeat(64) },
  { prober: B, target: C, token: '3'.repeat(64) },
];
const ok = (deviceId: string, sha: string): ClusterPeerResult => ({ deviceId, ok: true, rttMs: 10, gbps: 2, bytes: 100, sha256: sha });
const receipt = (token: string, sha: string | null, bytes = 100): ClusterReceipt => ({ token, pings: 5, bytes, sha256: sha });

describe('checkLinkProbes', () => {
  it('keeps results the listeners confirm and fails the rest, naming the pair and why', () => {
    const { probes, failed } = checkLinkProbes(pairs, {
      bytes: 100,
      results: new Map([
        [A, [ok(B, hash('e'))]],
        // C claims a transfer to A that A never received (A's receipt has no bulk).
        [C, [ok(A, hash('f'))]],
        [B, [{ deviceId: C, ok: false, error: 'refused' }]],
      ]),
      receipts: new Map([
        [B, [receipt('1'.repeat(64), hash('e'))]],
        [A, [receipt('2'.repeat(64), null, 0)]],
      ]),
    });
    expect(probes).toEqual([{ from: A, to: B, rttMs: 10, gbps: 2 }]);
    expect(failed).toEqual([
      { prober: C, target: A, why: 'the listener did not confirm the transfer' },
      { prober: B, target: C, why: 'refused' },
    ]);
  });

  it('fails a pair with no result, or with a smaller transfer than asked', () => {
    const { probes, failed } = checkLinkProbes(pairs.slice(0, 2), {
      bytes: 1000,
      results: new Map([[A, [ok(B, hash('e'))]]]),
      receipts: new Map([[B, [receipt('1'.repeat(64), hash('e'))]]]),
    });
    expect(probes).toEqual([]);
    expect(failed.map((f) => f.why)).toEqual(['the listener did not confirm the transfer', 'the prober sent no result']);
  });
});
