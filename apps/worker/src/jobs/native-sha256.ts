import { createHash } from 'node:crypto';
import type { Sha256Factory } from '@tensorgrid/tensor';

/** node:crypto's SHA-256 for state hashes: the same digests as @noble/hashes (the conformance vectors check it), several times faster on large states. */
export const nativeSha256: Sha256Factory = () => createHash('sha256');
