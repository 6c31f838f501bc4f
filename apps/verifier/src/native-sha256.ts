import { createHash } from 'node:crypto';
import type { Sha256Factory } from '@tensorgrid/tensor';

/**
 * node:crypto's SHA-256 for state hashes: the same digests as the tensor package's default
 * (@noble/hashes, checked by the conformance vectors), with the CPU's SHA extensions; it
 * roughly halves a verifier's CPU per job (`npm run bench:verifier-cost`, noble vs native).
 */
export const nativeSha256: Sha256Factory = () => createHash('sha256');
