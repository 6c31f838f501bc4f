import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { BaseError } from '@tensorgrid/protocol';
import type { StateHashes } from '../training/state-hash';
import { CONFORMANCE_CASES } from './conformance-cases';
import { CONFORMANCE_VECTORS } from './conformance-vectors';

/** How many conformance vectors a build checks. */
export const CONFORMANCE_VECTOR_COUNT = CONFORMANCE_VECTORS.length;

export interface ConformanceFailure {
  name: string;
  expected: string | undefined;
  actual: string;
}

/**
 * Runs every conformance case and compares the SHA-256 of its output with the committed
 * vector. The worker's job runner and the verifier run it at start ({@link assertConformance})
 * and refuse training and verification when it fails: the engine's arithmetic, `Math.sqrt` or
 * state hashes would make honest results hash differently from everyone else's. Takes about a
 * tenth of a second.
 * @param opts - the native state hashes the node will use (@noble/hashes' where absent)
 */
export function checkConformance(opts: { hashes?: StateHashes } = {}): { passed: boolean; failures: ConformanceFailure[] } {
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
 * {@link checkConformance}, throwing when any vector fails.
 * @param opts - the native state hashes the node will use (@noble/hashes' where absent)
 * @returns how many vectors passed
 * @throws BaseError `KERNEL_NONCONFORMANT` naming the failing vectors (`data.failures`)
 */
export function assertConformance(opts: { hashes?: StateHashes } = {}): number {
  const { passed, failures } = checkConformance(opts);
  if (!passed) {
    throw new BaseError('KERNEL_NONCONFORMANT', `This machine does not reproduce ${failures.length} of the ${CONFORMANCE_VECTOR_COUNT} conformance vectors (${failures.map((f) => f.name).join(', ')}): its training results would not match other nodes'. Run this build on another Node.js version or machine, and report the failing vectors with \`node --version\` and the CPU model`, { data: { failures } });
  }
  return CONFORMANCE_VECTOR_COUNT;
}

/**
 * The vectors as this build computes them (what `write-conformance-vectors` commits).
 */
export function computeConformanceVectors(): { name: string; sha256: string }[] {
  return CONFORMANCE_CASES.map((c) => ({ name: c.name, sha256: bytesToHex(sha256(c.run({}))) }));
}
