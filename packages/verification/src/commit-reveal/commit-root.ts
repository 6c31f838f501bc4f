import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { parseHex32 } from '../challenge/hex32';

const TAG = utf8ToBytes('tensorgrid/root-commit/v1');

/** What a dual-execution solver reveals after both commitments are in. */
export interface RootReveal {
  root: string;
  /** The solver's identity (e.g. its address), bound so nobody can re-post another's commitment. */
  node: string;
  /** 32 random bytes as hex, kept secret until the reveal. */
  salt: string;
}

/**
 * The commitment to a root in dual execution (§6.7.3, adversary V2):
 * c = SHA-256("tensorgrid/root-commit/v1" ‖ root ‖ u32le |node| ‖ node ‖ salt). A copier
 * who sees only c learns nothing of the root (the salt hides it), and re-posting c as its
 * own fails at the reveal because its node differs.
 * @param reveal - root, node and salt
 */
export function commitRoot(reveal: RootReveal): string {
  const node = utf8ToBytes(reveal.node.toLowerCase());
  const len = new Uint8Array([node.length & 255, (node.length >>> 8) & 255, (node.length >>> 16) & 255, node.length >>> 24]);
  return bytesToHex(sha256(concatBytes(TAG, hexToBytes(parseHex32(reveal.root, 'root')), len, node, hexToBytes(parseHex32(reveal.salt, 'salt')))));
}

/**
 * Whether a reveal opens a commitment posted by `reveal.node` (false for malformed input).
 * @param commitment - the posted commitment (hex)
 * @param reveal - the revealed root, node and salt
 */
export function checkReveal(commitment: string, reveal: RootReveal): boolean {
  try {
    return commitRoot(reveal) === parseHex32(commitment, 'commitment');
  } catch {
    return false;
  }
}
