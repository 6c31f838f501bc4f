import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { parseHex32 } from './hex32';

const TAG = utf8ToBytes('tensorgrid/challenge/v1');

/**
 * S = SHA-256("tensorgrid/challenge/v1" ‖ beacon ‖ root), 32 bytes as hex
 * (research/verification.md §6.5.1). The beacon must be revealed only after R is committed
 * (e.g. the hash of a block after the submit transaction, or a commit-reveal value opened
 * later): then the solver cannot try roots until the sampled set misses its fakes, which it
 * can when S depends on R alone (adversary C8).
 * @param beacon - 32 bytes as hex (0x optional)
 * @param root - the committed Merkle root R, 32 bytes as hex
 */
export function challengeSeed(beacon: string, root: string): string {
  return bytesToHex(sha256(concatBytes(TAG, hexToBytes(parseHex32(beacon, 'beacon')), hexToBytes(parseHex32(root, 'root')))));
}
