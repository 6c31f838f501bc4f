import { sha256Compress, sha256Init } from '@tensorgrid/domain';

/**
 * SHA-256(prefix ‖ u32le c) for counters c = 0, 1, …: the PRF's blocks. The prefix's whole
 * 64-byte blocks are compressed once, so each counter costs the one (or, when the prefix's
 * tail leaves under 13 bytes, two) final compressions, with no allocation. Outputs equal
 * any SHA-256's; the PRF draws many blocks per job (seed-drawn datasets, W₀, the held-out
 * set; one per epoch for its batch order's keys), which is why it does not go through a general hasher.
 * @param prefix - the bytes before the counter
 * @returns a function writing the digest of counter c into `out` as eight little-endian uint32s
 */
export function sha256Counter(prefix: Uint8Array): (c: number, out: Uint32Array) => void {
  const whole = prefix.length - (prefix.length % 64);
  const midstate = sha256Init();
  for (let at = 0; at < whole; at += 64) sha256Compress(midstate, prefix, at);
  const rest = prefix.length - whole;
  const tail = new Uint8Array(rest + 4 + 9 <= 64 ? 64 : 128);
  tail.set(prefix.subarray(whole));
  tail[rest + 4] = 0x80;
  const bits = (prefix.length + 4) * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(tail.length - 4, bits >>> 0);
  const state = new Int32Array(8);
  return (c, out) => {
    tail[rest] = c & 255;
    tail[rest + 1] = (c >>> 8) & 255;
    tail[rest + 2] = (c >>> 16) & 255;
    tail[rest + 3] = (c >>> 24) & 255;
    state.set(midstate);
    sha256Compress(state, tail, 0);
    if (tail.length === 128) sha256Compress(state, tail, 64);
    for (let i = 0; i < 8; i++) {
      const s = state[i]!;
      out[i] = ((s >>> 24) | ((s >>> 8) & 0xff00) | ((s & 0xff00) << 8) | (s << 24)) >>> 0;
    }
  };
}
