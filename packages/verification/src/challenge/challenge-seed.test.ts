import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { challengeSeed } from './challenge-seed';

const root = 'ab'.repeat(32);
const beacon = '0x' + 'CD'.repeat(32);

describe('challengeSeed', () => {
  it('is SHA-256(tag ‖ beacon ‖ root), whatever the hex case or 0x prefix', () => {
    const expected = bytesToHex(sha256(concatBytes(utf8ToBytes('tensorgrid/challenge/v1'), hexToBytes('cd'.repeat(32)), hexToBytes(root))));
    expect(challengeSeed(beacon, root)).toBe(expected);
    expect(challengeSeed('cd'.repeat(32), root.toUpperCase())).toBe(expected);
  });

  it('changes with the beacon and with the root', () => {
    const s = challengeSeed(beacon, root);
    expect(challengeSeed('ce'.repeat(32), root)).not.toBe(s);
    expect(challengeSeed(beacon, 'ac'.repeat(32))).not.toBe(s);
  });

  it('refuses malformed hex with VALIDATION_FAILED', () => {
    expect(() => challengeSeed('cd'.repeat(31), root)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => challengeSeed(beacon, 'zz'.repeat(32))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
