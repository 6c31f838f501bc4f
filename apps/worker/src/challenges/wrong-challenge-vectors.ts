import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHALLENGE_VECTORS_PATH, type ChallengeVectors } from './challenge-vectors';

/**
 * A copy of the conformance vectors with one known answer wrong, in a temp file: a helper
 * checked against it must fail its selftest naming that vector. For tests.
 * @param kind - which answer: compute vector 1, loop 1 (the n = 48 spec), or the first pow vector's nonces
 */
export function writeWrongChallengeVectors(kind: 'compute' | 'pow' = 'compute'): { path: string; remove(): void } {
  const vectors = JSON.parse(readFileSync(CHALLENGE_VECTORS_PATH, 'utf8')) as ChallengeVectors;
  if (kind === 'compute') vectors.compute[1]!.loopDigests['1'] = '00'.repeat(32 * 9);
  else vectors.pow[0]!.nonces = vectors.pow[0]!.nonces.map((n) => n + 1);
  const dir = mkdtempSync(join(tmpdir(), 'tg-vectors-'));
  const path = join(dir, 'vectors.json');
  writeFileSync(path, JSON.stringify(vectors));
  return { path, remove: () => rmSync(dir, { recursive: true }) };
}
