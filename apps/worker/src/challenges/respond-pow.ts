import { createHash } from 'node:crypto';
import { leadingZeroBits, validatePowSpec, type PowChallengeSpec } from '@tensorgrid/domain';

/**
 * The worker side of a proof-of-work challenge: scans nonces from 0 with node:crypto's
 * SHA-256 (several times faster than the pure reference) until `shares` solutions are found
 * or `budgetMs` runs out (then returns what it has: the coordinator fails it as no-answer).
 * Same hash as `powHash`: SHA-256(seed ‖ u32be(len(id)) ‖ id ‖ u64be(nonce)).
 * @param spec - the challenge (untrusted; validated)
 * @param options - time budget (default: the spec's deadline) and clock
 */
export function respondPow(spec: unknown, options: { budgetMs?: number; now?: () => number } = {}): { nonces: number[]; hashes: number } {
  const s: PowChallengeSpec = validatePowSpec(spec);
  const now = options.now ?? (() => performance.now());
  const stopAt = now() + (options.budgetMs ?? s.deadlineMs);
  const id = Buffer.from(s.deviceId, 'utf8');
  const prefix = Buffer.concat([Buffer.from(s.seed, 'hex'), Buffer.from([id.length >>> 24, (id.length >>> 16) & 255, (id.length >>> 8) & 255, id.length & 255]), id]);
  const nonceBuf = Buffer.alloc(8);
  const nonces: number[] = [];
  let n = 0;
  while (nonces.length < s.shares) {
    if ((n & 1023) === 0 && now() > stopAt) break;
    nonceBuf.writeUInt32BE(Math.floor(n / 2 ** 32), 0);
    nonceBuf.writeUInt32BE(n >>> 0, 4);
    const digest = createHash('sha256').update(prefix).update(nonceBuf).digest();
    if (leadingZeroBits(digest) >= s.difficultyBits) nonces.push(n);
    n++;
  }
  return { nonces, hashes: n };
}
