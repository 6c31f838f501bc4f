"""The proof-of-work puzzle's hash, SHA-256(seed ‖ u32be(len(id)) ‖ id ‖ u64be(nonce)), cut the
way the GPU kernel computes it (a shared midstate, then the last one or two blocks with the
nonce's low word ORed in), in pure Python: the helper's CPU path, and the layout the kernel
(challenge_kernels.py) is handed. Same puzzle as powHash in packages/domain."""
import struct

from sha256_words import SHA256_H0, SHA256_K

M32 = 0xFFFFFFFF


def _rotr(x, n):
    return ((x >> n) | (x << (32 - n))) & M32


def sha256_compress(h, w16):
    """One SHA-256 block on the state h (8 words) and the block's 16 big-endian words."""
    w = list(w16)
    for t in range(16, 64):
        s0 = _rotr(w[t - 15], 7) ^ _rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
        s1 = _rotr(w[t - 2], 17) ^ _rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
        w.append((w[t - 16] + s0 + w[t - 7] + s1) & M32)
    a, b, c, d, e, f, g, hh = h
    for t in range(64):
        t1 = (hh + (_rotr(e, 6) ^ _rotr(e, 11) ^ _rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[t] + w[t]) & M32
        t2 = ((_rotr(a, 2) ^ _rotr(a, 13) ^ _rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) & M32
        a, b, c, d, e, f, g, hh = (t1 + t2) & M32, a, b, c, (d + t1) & M32, e, f, g
    return [(x + y) & M32 for x, y in zip(h, [a, b, c, d, e, f, g, hh])]


def pow_layout(spec, hi):
    """The puzzle's hash cut for a scan of the nonces hi·2^32 + lo: the state after the blocks every nonce shares ("midstate"), the
    last one or two blocks as words with lo's bytes zero, and where lo goes: it ORs into word
    `at` shifted right by 8·`shift` bits and, when shift > 0, into word at + 1 shifted left by
    32 − 8·shift. The kernel and the pure path below both build each hash from this."""
    id_bytes = spec["deviceId"].encode("utf-8")
    prefix = bytes.fromhex(spec["seed"]) + struct.pack(">I", len(id_bytes)) + id_bytes
    whole = len(prefix) // 64 * 64
    state = list(SHA256_H0)
    for at in range(0, whole, 64):
        state = sha256_compress(state, struct.unpack(">16I", prefix[at:at + 64]))
    tail = prefix[whole:] + struct.pack(">I", hi) + b"\0\0\0\0" + b"\x80"
    tail += b"\0" * ((56 - len(tail)) % 64) + struct.pack(">Q", (len(prefix) + 8) * 8)
    lo_at = len(prefix) - whole + 4
    return {"midstate": state, "words": list(struct.unpack(">%dI" % (len(tail) // 4), tail)), "at": lo_at // 4, "shift": lo_at % 4}


def pow_block_words(layout, lo):
    """The last block(s) of nonce lo's message, from its layout."""
    words = list(layout["words"])
    at, shift = layout["at"], layout["shift"]
    words[at] |= lo >> (8 * shift)
    if shift:
        words[at + 1] |= (lo << (32 - 8 * shift)) & M32
    return words


def pow_masks(bits):
    """The leading `bits` (1..64) bits of a digest as masks over its first two words: a hash
    solves the puzzle when neither word has a masked bit set."""
    return M32 ^ (M32 >> min(bits, 32)), M32 ^ (M32 >> max(bits - 32, 0))


def py_pow_scan(spec, start, count):
    """Solving nonces in [start, start + count)."""
    (mask0, mask1), layout, out = pow_masks(spec["difficultyBits"]), None, []
    for n in range(start, start + count):
        if layout is None or n & M32 == 0:
            layout = pow_layout(spec, n >> 32)
        words = pow_block_words(layout, n & M32)
        state = layout["midstate"]
        for b in range(0, len(words), 16):
            state = sha256_compress(state, words[b:b + 16])
        if state[0] & mask0 == 0 and state[1] & mask1 == 0:
            out.append(n)
    return out
