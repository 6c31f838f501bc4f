"""Triton kernels for the hardware challenges on a CUDA GPU (imported only when torch, Triton
and CUDA are all there; challenge_helper.py holds the pure-Python reference).

Why kernels and not torch ops: both challenges are long chains of tiny integer steps. On an
H100 (torch 2.11, Triton 3.6) the earlier torch-op version took 275 us per memory step (a
production fill would have taken 14 minutes, in int64 lanes twice the claimed bytes) and
137 ms per n = 4096 compute loop, 120 ms of it copying tiles to the host and hashing them
there, where the claimed rate allows 2.05 ms. These kernels fill 71.3 GiB in 2.2-2.7 s and do
a loop in 0.38 ms (`npm run bench:gpu-challenges`). Compiling them takes about 2 minutes on a
machine's first start (Triton caches them in ~/.triton).

- Memory pages are stored word-major, V[word, page] as int32: each lane (thread) generates
  one page, and neighbouring lanes touch neighbouring addresses. 4 bytes a word, so a
  claim's bytes are what is filled.
- Compute: entries are generated on the GPU, multiplied on tensor cores where that is exact
  (bf16 inputs, fp32 accumulation: integers in [-8, 8] and sums below 2^24 are exact in any
  summation order), and each tile is hashed by a SHA-256 kernel, so only 32 bytes per tile
  leave the card.
- Proof-of-work: one nonce a lane through the same SHA-256 compression, from the state after
  the blocks every nonce shares (`pow_layout` in pow_puzzle.py); each lane writes one byte on
  the card, and only the solving nonces' indices come back. Not yet run on a card: the
  helper's selftest checks it against challenge_vectors.json before the worker trusts it.
"""
import torch
import triton
import triton.language as tl
from sha256_words import SHA256_H0, SHA256_K

GOLDEN = tl.constexpr(0x9E3779B9)
triton_version = triton.__version__


def _i32(value):
    """A uint32 as the int32 with the same bits."""
    return value - (1 << 32) if value >= 1 << 31 else value


def _as_int32(values):
    """uint32 Python ints as an int32 tensor (same bits)."""
    return torch.tensor([_i32(v) for v in values], dtype=torch.int32)


# ---------------------------------------------------------------- shared arithmetic

@triton.jit
def _u32(x):
    return x.to(tl.uint32, bitcast=True)


@triton.jit
def _mix32(x):
    x = x ^ (x >> 16)
    x = (x * 0x7FEB352D).to(tl.uint32)
    x = x ^ (x >> 15)
    x = (x * 0x846CA68B).to(tl.uint32)
    return x ^ (x >> 16)


# ---------------------------------------------------------------- memory

@triton.jit
def _fill_pages_kernel(V, starts, lanes, P, rounds, BLOCK: tl.constexpr):
    lane = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    live = lane < lanes
    lane64 = lane.to(tl.int64)
    x = _u32(tl.load(starts + lane, mask=live, other=0))
    for j in range(P):
        x = _mix32((x + GOLDEN).to(tl.uint32))
        tl.store(V + (j.to(tl.int64) * lanes + lane64), x.to(tl.int32, bitcast=True), mask=live)
    for t in range(rounds * P):
        v = _u32(tl.load(V + ((x & (P - 1)).to(tl.int64) * lanes + lane64), mask=live, other=0))
        x = _mix32(x ^ v)
        at = V + ((t & (P - 1)).to(tl.int64) * lanes + lane64)
        tl.store(at, (_u32(tl.load(at, mask=live, other=0)) ^ x).to(tl.int32, bitcast=True), mask=live)


def fill_pages(spec, starts):
    """Pages with the given start states, as a (pageWords, len(starts)) int32 tensor on the GPU."""
    lanes = len(starts)
    V = torch.empty((spec["pageWords"], lanes), dtype=torch.int32, device="cuda")
    block = 32
    _fill_pages_kernel[(triton.cdiv(lanes, block),)](
        V, _as_int32(starts).cuda(), lanes, spec["pageWords"], spec["rounds"], BLOCK=block, num_warps=1, num_stages=1
    )
    return V


def read_probes(V, probes, width):
    """Words [word, word + width) of each probed page, as uint32 Python ints."""
    pages = torch.tensor([p["page"] for p in probes], dtype=torch.int64, device=V.device)
    words = torch.tensor([p["word"] for p in probes], dtype=torch.int64, device=V.device)
    rows = words.unsqueeze(1) + torch.arange(width, device=V.device).unsqueeze(0)
    return (V[rows, pages.unsqueeze(1)].to(torch.int64) & 0xFFFFFFFF).tolist()


# ---------------------------------------------------------------- compute

@triton.jit
def _matrices_kernel(out, keys, n2, BLOCK: tl.constexpr):
    e = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    m = tl.program_id(1)
    live = e < n2
    key = _u32(tl.load(keys + m))
    v = _mix32(key ^ _mix32(e.to(tl.uint32)))
    entry = (v % 17).to(tl.int32) - 8
    tl.store(out + (m.to(tl.int64) * n2 + e), entry.to(tl.bfloat16), mask=live)


def matrices(keys, n):
    """One n×n bf16 matrix per key (entries in [-8, 8], exact in bf16)."""
    out = torch.empty((len(keys), n, n), dtype=torch.bfloat16, device="cuda")
    block = 1024
    _matrices_kernel[(triton.cdiv(n * n, block), len(keys))](out, _as_int32(keys).cuda(), n * n, BLOCK=block)
    return out


_bf16_float32_out = True  # until torch says it has no bf16 product with float32 output
product_path = None  # "bf16" or "tf32": what the last product ran on (None before the first)


def exact_products(A, B):
    """A·B exactly, as float32: bf16 tensor cores with float32 output where torch has them,
    else TF32 (exact too: it holds these integers). Which one is found out once."""
    global _bf16_float32_out, product_path
    if _bf16_float32_out:
        try:
            C = torch.bmm(A, B, out_dtype=torch.float32)
            product_path = "bf16"
            return C
        except torch.cuda.OutOfMemoryError:
            raise
        except (TypeError, RuntimeError):
            _bf16_float32_out = False
            torch.backends.cuda.matmul.allow_tf32 = True
    C = torch.bmm(A.float(), B.float())
    product_path = "tf32"
    return C


@triton.jit
def _rotr(x, n: tl.constexpr):
    return (x >> n) | (x << (32 - n))


@triton.jit
def _bswap(x):
    return ((x & 0xFF) << 24) | ((x & 0xFF00) << 8) | ((x >> 8) & 0xFF00) | (x >> 24)


@triton.jit
def _compress(h0, h1, h2, h3, h4, h5, h6, h7, w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, K):
    """One SHA-256 block. The window w0..w15 holds W[t..t+15]; each round uses w0 and slides."""
    a, b, c, d, e, f, g, h = h0, h1, h2, h3, h4, h5, h6, h7
    for t in tl.static_range(64):
        s1 = _rotr(e, 6) ^ _rotr(e, 11) ^ _rotr(e, 25)
        ch = (e & f) ^ (~e & g)
        t1 = h + s1 + ch + _u32(tl.load(K + t)) + w0
        s0 = _rotr(a, 2) ^ _rotr(a, 13) ^ _rotr(a, 22)
        t2 = s0 + ((a & b) ^ (a & c) ^ (b & c))
        h, g, f, e, d, c, b, a = g, f, e, d + t1, c, b, a, t1 + t2
        nxt = (_rotr(w14, 17) ^ _rotr(w14, 19) ^ (w14 >> 10)) + w9 + (_rotr(w1, 7) ^ _rotr(w1, 18) ^ (w1 >> 3)) + w0
        w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15 = w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, nxt
    return h0 + a, h1 + b, h2 + c, h3 + d, h4 + e, h5 + f, h6 + g, h7 + h


@triton.jit
def _word(C, at, k: tl.constexpr, live):
    """Word k of a 16-word block: the tile value as little-endian int32 bytes, read big-endian."""
    return _bswap(tl.load(C + at + k, mask=live, other=0.0).to(tl.int32).to(tl.uint32, bitcast=True))


@triton.jit
def _tile_sha256_kernel(C, out, lanes, n, K, H0, T, NT, bits_hi, bits_lo, BLOCK: tl.constexpr):
    lane = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    live = lane < lanes
    lane64 = lane.to(tl.int64)
    per_loop = NT * NT
    tile = lane64 % per_loop
    base = (lane64 // per_loop) * n * n + (tile // NT) * T * n + (tile % NT) * T
    zero = tl.zeros([BLOCK], dtype=tl.uint32)
    h0 = zero + _u32(tl.load(H0 + 0))
    h1 = zero + _u32(tl.load(H0 + 1))
    h2 = zero + _u32(tl.load(H0 + 2))
    h3 = zero + _u32(tl.load(H0 + 3))
    h4 = zero + _u32(tl.load(H0 + 4))
    h5 = zero + _u32(tl.load(H0 + 5))
    h6 = zero + _u32(tl.load(H0 + 6))
    h7 = zero + _u32(tl.load(H0 + 7))
    for blk in range(T * T // 16):
        at = base + (blk * 16 // T) * n + (blk * 16 % T)
        h0, h1, h2, h3, h4, h5, h6, h7 = _compress(
            h0, h1, h2, h3, h4, h5, h6, h7,
            _word(C, at, 0, live), _word(C, at, 1, live), _word(C, at, 2, live), _word(C, at, 3, live),
            _word(C, at, 4, live), _word(C, at, 5, live), _word(C, at, 6, live), _word(C, at, 7, live),
            _word(C, at, 8, live), _word(C, at, 9, live), _word(C, at, 10, live), _word(C, at, 11, live),
            _word(C, at, 12, live), _word(C, at, 13, live), _word(C, at, 14, live), _word(C, at, 15, live),
            K,
        )
    h0, h1, h2, h3, h4, h5, h6, h7 = _compress(
        h0, h1, h2, h3, h4, h5, h6, h7,
        zero + 0x80000000, zero, zero, zero, zero, zero, zero, zero,
        zero, zero, zero, zero, zero, zero, zero + bits_hi.to(tl.uint32), zero + bits_lo.to(tl.uint32),
        K,
    )
    o = out + lane64 * 8
    tl.store(o + 0, h0.to(tl.int32, bitcast=True), mask=live)
    tl.store(o + 1, h1.to(tl.int32, bitcast=True), mask=live)
    tl.store(o + 2, h2.to(tl.int32, bitcast=True), mask=live)
    tl.store(o + 3, h3.to(tl.int32, bitcast=True), mask=live)
    tl.store(o + 4, h4.to(tl.int32, bitcast=True), mask=live)
    tl.store(o + 5, h5.to(tl.int32, bitcast=True), mask=live)
    tl.store(o + 6, h6.to(tl.int32, bitcast=True), mask=live)
    tl.store(o + 7, h7.to(tl.int32, bitcast=True), mask=live)


_consts = {}


def _load_sha256_words():
    """SHA-256's round constants and initial state on the card, once."""
    if "K" not in _consts:
        _consts["K"], _consts["H0"] = _as_int32(SHA256_K).cuda(), _as_int32(SHA256_H0).cuda()


def tile_digests(C, tile):
    """SHA-256 of every tile of every product in C (batch, n, n), as bytes, loop by loop in
    leaf order (tile row-major). Needs tile to be a multiple of 16 (whole blocks per row)."""
    _load_sha256_words()
    batch, n = C.shape[0], C.shape[1]
    per_loop = (n // tile) ** 2
    lanes = batch * per_loop
    out = torch.empty((lanes, 8), dtype=torch.int32, device="cuda")
    bits = tile * tile * 32  # the message length in the padding block
    block = 32  # one warp of tiles a program: enough programs to fill every SM
    _tile_sha256_kernel[(triton.cdiv(lanes, block),)](
        C, out, lanes, n, _consts["K"], _consts["H0"], tile, n // tile, bits >> 32, bits & 0xFFFFFFFF, BLOCK=block, num_warps=1
    )
    raw = out.cpu().numpy().astype(">u4").tobytes()
    return [raw[i * per_loop * 32:(i + 1) * per_loop * 32] for i in range(batch)]


def loops_per_batch(n, most=64):
    """Loops one batch holds (A and B in bf16, C in float32: 8n² bytes each) in a quarter of the free memory."""
    return max(1, min(most, torch.cuda.mem_get_info()[0] // 4 // (8 * n * n)))


def loop_digests(keys_per_loop, n, tile):
    """Tile digests of a batch of loops: keys_per_loop = [(keyA, keyB), ...]."""
    A = matrices([k[0] for k in keys_per_loop], n)
    B = matrices([k[1] for k in keys_per_loop], n)
    return tile_digests(exact_products(A, B), tile)


# ---------------------------------------------------------------- proof-of-work

@triton.jit
def _pow_word(W, k: tl.constexpr, lo, zero, AT: tl.constexpr, SHIFT: tl.constexpr):
    """Word k of the last block(s): the layout's word, with the nonce's low 32 bits ORed in where they fall."""
    w = zero + _u32(tl.load(W + k))
    if k == AT:
        w = w | (lo >> (8 * SHIFT))
    if SHIFT > 0:
        if k == AT + 1:
            w = w | (lo << (32 - 8 * SHIFT))
    return w


@triton.jit(do_not_specialize=["lo0", "count", "mask0", "mask1"])
def _pow_kernel(out, W, M, K, lo0, count, mask0, mask1, AT: tl.constexpr, SHIFT: tl.constexpr, TWO: tl.constexpr, BLOCK: tl.constexpr):
    """One nonce a lane, lo = lo0 + lane: out[lane] = 1 when the hash's first two words have
    no bit of mask0 and mask1 set (the difficulty's leading bits). lo0 and the masks arrive as
    int32 bit patterns, so Triton types them i32 whatever their value (no recompile mid-scan)."""
    lane = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    live = lane < count
    zero = tl.zeros([BLOCK], dtype=tl.uint32)
    lo = zero + _u32(lo0) + lane.to(tl.uint32)  # the host keeps lo0 + count <= 2^32
    h0, h1, h2, h3, h4, h5, h6, h7 = _compress(
        zero + _u32(tl.load(M + 0)), zero + _u32(tl.load(M + 1)), zero + _u32(tl.load(M + 2)), zero + _u32(tl.load(M + 3)),
        zero + _u32(tl.load(M + 4)), zero + _u32(tl.load(M + 5)), zero + _u32(tl.load(M + 6)), zero + _u32(tl.load(M + 7)),
        _pow_word(W, 0, lo, zero, AT, SHIFT), _pow_word(W, 1, lo, zero, AT, SHIFT), _pow_word(W, 2, lo, zero, AT, SHIFT), _pow_word(W, 3, lo, zero, AT, SHIFT),
        _pow_word(W, 4, lo, zero, AT, SHIFT), _pow_word(W, 5, lo, zero, AT, SHIFT), _pow_word(W, 6, lo, zero, AT, SHIFT), _pow_word(W, 7, lo, zero, AT, SHIFT),
        _pow_word(W, 8, lo, zero, AT, SHIFT), _pow_word(W, 9, lo, zero, AT, SHIFT), _pow_word(W, 10, lo, zero, AT, SHIFT), _pow_word(W, 11, lo, zero, AT, SHIFT),
        _pow_word(W, 12, lo, zero, AT, SHIFT), _pow_word(W, 13, lo, zero, AT, SHIFT), _pow_word(W, 14, lo, zero, AT, SHIFT), _pow_word(W, 15, lo, zero, AT, SHIFT),
        K,
    )
    if TWO:
        h0, h1, h2, h3, h4, h5, h6, h7 = _compress(
            h0, h1, h2, h3, h4, h5, h6, h7,
            _pow_word(W, 16, lo, zero, AT, SHIFT), _pow_word(W, 17, lo, zero, AT, SHIFT), _pow_word(W, 18, lo, zero, AT, SHIFT), _pow_word(W, 19, lo, zero, AT, SHIFT),
            _pow_word(W, 20, lo, zero, AT, SHIFT), _pow_word(W, 21, lo, zero, AT, SHIFT), _pow_word(W, 22, lo, zero, AT, SHIFT), _pow_word(W, 23, lo, zero, AT, SHIFT),
            _pow_word(W, 24, lo, zero, AT, SHIFT), _pow_word(W, 25, lo, zero, AT, SHIFT), _pow_word(W, 26, lo, zero, AT, SHIFT), _pow_word(W, 27, lo, zero, AT, SHIFT),
            _pow_word(W, 28, lo, zero, AT, SHIFT), _pow_word(W, 29, lo, zero, AT, SHIFT), _pow_word(W, 30, lo, zero, AT, SHIFT), _pow_word(W, 31, lo, zero, AT, SHIFT),
            K,
        )
    ok = ((h0 & _u32(mask0)) == 0) & ((h1 & _u32(mask1)) == 0)
    tl.store(out + lane, ok.to(tl.int8), mask=live)


def pow_solutions(layout, lo0, count, masks):
    """The nonces' low words in [lo0, lo0 + count) (within one 2^32 window) that solve the
    puzzle, from `pow_layout` and `pow_masks` (pow_puzzle.py): one lane a nonce."""
    _load_sha256_words()
    W = _as_int32(layout["words"] + [0] * (32 - len(layout["words"]))).cuda()
    M = _as_int32(layout["midstate"]).cuda()
    out = torch.empty(count, dtype=torch.int8, device="cuda")
    block = 256
    _pow_kernel[(triton.cdiv(count, block),)](
        out, W, M, _consts["K"], _i32(lo0), count, _i32(masks[0]), _i32(masks[1]),
        AT=layout["at"], SHIFT=layout["shift"], TWO=len(layout["words"]) > 16, BLOCK=block,
    )
    return [lo0 + i for i in torch.nonzero(out).flatten().tolist()]
