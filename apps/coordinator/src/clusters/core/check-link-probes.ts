import type { ClusterPeerResult, ClusterReceipt } from '@tensorgrid/protocol';
import type { LinkProbe } from '@tensorgrid/scheduler';
import type { ProbePair } from './assign-probe-pairs';

/** A pair of a cluster probe with the token the coordinator issued for it. */
export interface IssuedPair extends ProbePair {
  token: string;
}

/** A pair that yielded no measurement, and why. */
export interface FailedPair extends ProbePair {
  why: string;
}

/**
 * Keeps the probers' results that their targets' listeners confirm: the listener received,
 * on the pair's token, exactly the bytes the prober says it sent (same count, same
 * SHA-256). Anything else fails the pair: no result, a failed one, or a transfer the
 * listener did not see (a prober that invents numbers, or a listener that hides them).
 * @param pairs - the issued pairs
 * @param answers - each prober's results (by prober id), each target's receipts (by target id), and the bytes asked for
 */
export function checkLinkProbes(
  pairs: readonly IssuedPair[],
  answers: { results: ReadonlyMap<string, readonly ClusterPeerResult[]>; receipts: ReadonlyMap<string, readonly ClusterReceipt[]>; bytes: number },
): { probes: LinkProbe[]; failed: FailedPair[] } {
  const probes: LinkProbe[] = [];
  const failed: FailedPair[] = [];
  for (const pair of pairs) {
    const fail = (why: string) => failed.push({ prober: pair.prober, target: pair.target, why });
    const result = answers.results.get(pair.prober)?.find((r) => r.deviceId.toLowerCase() === pair.target);
    if (!result) {
      fail('the prober sent no result');
      continue;
    }
    if (!result.ok) {
      fail(result.error);
      continue;
    }
    const receipt = answers.receipts.get(pair.target)?.find((r) => r.token === pair.token);
    if (!receipt || receipt.sha256 !== result.sha256 || receipt.bytes !== result.bytes || result.bytes !== answers.bytes) {
      fail('the listener did not confirm the transfer');
      continue;
    }
    probes.push({ from: pair.prober, to: pair.target, rttMs: result.rttMs, gbps: result.gbps });
  }
  return { probes, failed };
}
