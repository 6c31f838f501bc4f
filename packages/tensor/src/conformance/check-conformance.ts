import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { Sha256Factory } from '../training/state-hash';
import { CONFORMANCE_CASES } from './conformance-cases';
import { CONFORMANCE_VECTORS } from './conformance-vectors';

export interface ConformanceFailure {
  name: string;
  expected: string | undefined;
  actual: string;
}

/**
 * Runs every conformance case and compares the SHA-256 of its output with the committed
 * vector. A node runs this at start (and after every software update) and refuses training
 * jobs when it fails: its engine's arithmetic, `Math.sqrt` or SHA-256 would make honest
 * results hash differently from everyone else's. Takes about a tenth of a second.
 * @param opts - the SHA-256 the node will use for state hashes, if not the default
 */
export function checkConformance(opts: { sha256?: Sha256Factory } = {}): { passed: boolean; failures: ConformanceFailure[] } {
  const expected = new Map(CONFORMANCE_VECTORS.map((v) => [v.name, v.sha256]));
  const failures: ConformanceFailure[] = [];
  for (const c of CONFORMANCE_CASES) {
    const actual = bytesToHex(sha256(c.run(opts)));
    if (expected.get(c.name) !== actual) failures.push({ name: c.name, expected: expected.get(c.name), actual });
  }
  for (const v of CONFORMANCE_VECTORS) {
    if (!CONFORMANCE_CASES.some((c) => c.name === v.name)) failures.push({ name: v.name, expected: v.sha256, actual: '(no such case)' });
  }
  return { passed: failures.length === 0, failures };
}

/**
 * The vectors as this build computes them (what `write-conformance-vectors` commits).
 */
export function computeConformanceVectors(): { name: string; sha256: string }[] {
  return CONFORMANCE_CASES.map((c) => ({ name: c.name, sha256: bytesToHex(sha256(c.run({}))) }));
}
