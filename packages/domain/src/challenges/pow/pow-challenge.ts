import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { deriveSeed, isSeedHex, seedBytes, u32be, type SeedHex } from '../challenge-seed';
import { challengeVerdict, type ChallengeFailureReason, type ChallengeVerdict } from '../challenge-verdict';
import { invalidChallenge, requireInt, requireNumber } from '../invalid-challenge';
import { DEVNET_POW_POLICY, type PowChallengePolicy } from './pow-policy';

/** A proof-of-work challenge on the wire. */
export interface PowChallengeSpec {
  kind: 'pow';
  version: 1;
  seed: string;
  /** Bound into every hash, so one device's solutions are worthless to another. */
  deviceId: string;
  /** A hash solves the puzzle when it has at least this many leading zero bits. */
  difficultyBits: number;
  /** Distinct solving nonces required. */
  shares: number;
  claimedHashesPerSecond: number;
  deadlineMs: number;
}

/**
 * The puzzle's hash: SHA-256(seed ‖ u32be(len(deviceId)) ‖ utf8(deviceId) ‖ u64be(nonce)).
 * @param spec - seed and deviceId
 * @param nonce - 0 <= nonce < 2^53
 */
export function powHash(spec: Pick<PowChallengeSpec, 'seed' | 'deviceId'>, nonce: number): Uint8Array {
  const id = utf8ToBytes(spec.deviceId);
  return sha256(concatBytes(seedBytes(spec.seed), u32be(id.length), id, u32be(Math.floor(nonce / 2 ** 32)), u32be(nonce >>> 0)));
}

/**
 * Leading zero bits of a digest.
 * @param digest - bytes
 */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const b of digest) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

/**
 * Plans a PoW challenge: difficulty d = floor(log2(rate × targetSeconds × scale / shares)),
 * so the expected work shares·2^d is at most the claimed rate × target time; deadline =
 * base + shares·2^d / claimed rate × slack.
 * @param input - claimed hash rate, deviceId, policy (default: devnet) and secret seed
 */
export function planPowChallenge(input: { claim: { hashesPerSecond: number }; deviceId: string; policy?: PowChallengePolicy; seed: SeedHex }): PowChallengeSpec {
  const policy = input.policy ?? DEVNET_POW_POLICY;
  const rate = requireNumber('claim.hashesPerSecond', input.claim.hashesPerSecond, { min: 1, max: 1e15 });
  const shares = requireInt('policy.shares', policy.shares, { min: 1, max: 4096 });
  if (typeof input.deviceId !== 'string' || input.deviceId.length === 0 || input.deviceId.length > 256) throw invalidChallenge('deviceId must be a non-empty string of at most 256 characters');
  const perShare = (rate * policy.targetSeconds * policy.scale) / shares;
  const difficultyBits = Math.max(1, Math.min(policy.maxDifficultyBits, Math.floor(Math.log2(Math.max(2, perShare)))));
  const deadlineMs = policy.baseMs + ((shares * 2 ** difficultyBits) / rate) * 1000 * policy.slack;
  return { kind: 'pow', version: 1, seed: deriveSeed(input.seed, 'tensorgrid/pow'), deviceId: input.deviceId, difficultyBits, shares, claimedHashesPerSecond: rate, deadlineMs };
}

/**
 * Checks a spec's shape; throws VALIDATION_FAILED on anything absurd.
 * @param spec - untrusted
 */
export function validatePowSpec(spec: unknown): PowChallengeSpec {
  if (typeof spec !== 'object' || spec === null) throw invalidChallenge('spec must be an object');
  const s = spec as Record<string, unknown>;
  if (s.kind !== 'pow' || s.version !== 1 || !isSeedHex(s.seed) || typeof s.deviceId !== 'string') throw invalidChallenge('not a pow challenge');
  requireInt('difficultyBits', s.difficultyBits, { min: 1, max: 64 });
  requireInt('shares', s.shares, { min: 1, max: 4096 });
  requireNumber('deadlineMs', s.deadlineMs, { min: 1, max: 3_600_000 });
  return spec as PowChallengeSpec;
}

/**
 * The coordinator's check: `shares` distinct nonces, each hash with ≥ difficultyBits leading
 * zeros, in by the deadline. All shares are checked (one hash each). Metrics include
 * hashesPerSecond = expected hashes (shares·2^d) / elapsed: the rate io.net reports.
 * @param input - spec, the device's nonces (untrusted) and elapsed ms
 */
export function checkPowSolution(input: { spec: PowChallengeSpec; nonces: readonly unknown[]; elapsedMs: number }): ChallengeVerdict {
  const { spec, nonces, elapsedMs } = input;
  const expectedHashes = spec.shares * 2 ** spec.difficultyBits;
  const metrics: Record<string, number> = {
    elapsedMs,
    deadlineMs: spec.deadlineMs,
    difficultyBits: spec.difficultyBits,
    shares: spec.shares,
    hashesPerSecond: elapsedMs > 0 ? expectedHashes / (elapsedMs / 1000) : 0,
    claimedHashesPerSecond: spec.claimedHashesPerSecond,
  };
  if (!Array.isArray(nonces) || nonces.length < spec.shares) return challengeVerdict('no-answer', metrics);
  if (!nonces.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) || new Set(nonces).size !== nonces.length) return challengeVerdict('malformed-answer', metrics);
  let failure: ChallengeFailureReason | null = null;
  for (const n of nonces as number[]) {
    if (leadingZeroBits(powHash(spec, n)) < spec.difficultyBits) {
      failure = 'wrong-answer';
      break;
    }
  }
  if (failure === null && !(elapsedMs <= spec.deadlineMs)) failure = 'deadline-missed';
  return challengeVerdict(failure, metrics);
}

/**
 * Reference solver (pure, slow: @noble SHA-256): the first `shares` solving nonces from `from`.
 * The worker uses node:crypto for speed; tests and the Python helper use this as the truth.
 * @param spec - the challenge (seed, device, difficulty and shares)
 * @param from - the first nonce tried (default 0)
 */
export function solvePow(spec: Pick<PowChallengeSpec, 'seed' | 'deviceId' | 'difficultyBits' | 'shares'>, from = 0): number[] {
  const out: number[] = [];
  for (let n = from; out.length < spec.shares; n++) if (leadingZeroBits(powHash(spec, n)) >= spec.difficultyBits) out.push(n);
  return out;
}
