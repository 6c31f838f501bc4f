import { z } from 'zod';
import { PROTOCOL_VERSION } from '../common';

const v = z.literal(PROTOCOL_VERSION);
const challengeId = z.string().regex(/^ch_[0-9a-f]{32}$/, 'a challenge id (ch_ + 32 hex digits)');
/**
 * A challenge's kind-specific payload: a plain JSON object. Its shape belongs to the kind
 * (`@tensorgrid/domain` challenges); the coordinator's kind adapter validates it.
 */
const payload = z.record(z.string(), z.unknown());

/** The hardware challenges the coordinator issues (memory capacity, compute throughput, proof-of-work). */
export const challengeKindSchema = z.enum(['memory', 'compute', 'pow']);

/**
 * A challenge is at most two rounds over the device's authenticated session:
 *
 *   coordinator                         device
 *   challenge.issued {spec}      →      (fills memory / computes / searches)
 *                                ←      challenge.ready {commitment}
 *   challenge.query {query}      →      (only kinds that ask back: memory probes, compute tiles)
 *                                ←      challenge.answer {answer}
 *   challenge.result {passed}    →
 *
 * The coordinator times each round itself; the device's own timings are never trusted.
 */
export const challengeClientMessages = [
  z.strictObject({ type: z.literal('challenge.ready'), v, id: challengeId, commitment: payload }),
  z.strictObject({ type: z.literal('challenge.answer'), v, id: challengeId, answer: payload }),
] as const;

/** Coordinator → device messages of a challenge (see {@link challengeClientMessages}). */
export const challengeServerMessages = [
  z.object({ type: z.literal('challenge.issued'), v, id: challengeId, kind: challengeKindSchema, spec: payload }),
  z.object({ type: z.literal('challenge.query'), v, id: challengeId, query: payload }),
  z.object({ type: z.literal('challenge.result'), v, id: challengeId, kind: challengeKindSchema, passed: z.boolean(), reason: z.string().nullable() }),
] as const;
