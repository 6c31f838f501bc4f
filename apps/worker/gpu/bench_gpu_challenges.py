#!/usr/bin/env python3
"""`npm run bench:gpu-challenges`: the CUDA helper's hardware challenges on this machine's GPU.

Prints, for the production policies (n = 4096 matmuls in 256×256 tiles; 4 MiB memory pages
with 2 rounds over 90 % of the card's memory):
- the selftest against challenge_vectors.json, and parity with the pure-Python reference on
  random seeds (pages, tile digests; at n = 4096 against hashlib over the same product);
- compute: ms per loop (generation, exact product, tile SHA-256), and, given
  `--claimed-flops F` (the card's claim, gpuReferenceFlops in packages/domain/src/supply/gpu-reference-flops.ts:
  its tensor rate × the kernel's share, 3.46e14 for an H100 SXM), the budget that claim allows per loop;
- memory: the fill, the answer to 4096 probes, and how long a cheater's GPU needs to
  regenerate one page, and 2048 pages at once;
- proof-of-work: parity of the SHA-256 nonce kernel with hashlib on random seeds and device
  ids (every byte shift of the nonce, one and two last blocks, across 2^32), and
  the card's hash rate (nonces tried per second by the helper's scan).
Needs torch with CUDA and Triton (set TG_GPU_PYTHON to the Python that has them); without a
CUDA device it says so and measures nothing.
"""
import hashlib
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import challenge_helper as H  # noqa: E402

PAGE_WORDS = 1 << 20
N, TILE = 4096, 256


def timed(fn):
    H.torch.cuda.synchronize()
    start = time.perf_counter()
    result = fn()
    H.torch.cuda.synchronize()
    return time.perf_counter() - start, result


def check_parity(helper, kernels):
    start = time.perf_counter()
    result = helper.selftest()
    print("selftest: %s in %.1f s (a first run on a machine compiles the Triton kernels)" % (result, time.perf_counter() - start))
    pages_ok = all(
        helper.page(spec, p) == H.py_page(spec, p)
        for spec in ({"seed": os.urandom(32).hex(), "pageWords": 4096, "rounds": 2}, {"seed": os.urandom(32).hex(), "pageWords": 2048, "rounds": 5})
        for p in (0, 3, 99)
    )
    spec = {"seed": os.urandom(32).hex(), "n": 128, "tile": 32}
    tiles_ok = helper.digest_loops(spec, [0, 7]) == ["".join(H.py_loop_digests(spec, l)) for l in (0, 7)]
    spec = {"seed": os.urandom(32).hex(), "n": N, "tile": TILE}
    keys = (H.matrix_key(spec["seed"], 2, 0), H.matrix_key(spec["seed"], 2, 1))
    product = kernels.exact_products(kernels.matrices([keys[0]], N), kernels.matrices([keys[1]], N))[0].to(H.torch.int32)
    t = N // TILE
    rows = product.view(t, TILE, t, TILE).permute(0, 2, 1, 3).contiguous().view(t * t, -1).cpu().numpy()
    large_ok = helper.digest_loops(spec, [2])[0] == "".join(hashlib.sha256(r.astype("<i4").tobytes()).hexdigest() for r in rows)
    print("parity on random seeds: pages %s, tiles n=128 %s, tiles n=4096 vs hashlib %s" % (pages_ok, tiles_ok, large_ok))


def bench_compute(helper, kernels, claimed):
    spec = {"seed": os.urandom(32).hex(), "n": N, "tile": TILE}
    helper.digest_loops(spec, list(range(8)), fold=True)
    loops = 256
    # As the worker asks: one folded leaf a loop (the tile digests' SHA-256, on the host).
    seconds, _ = timed(lambda: helper.digest_loops(spec, list(range(loops)), fold=True))
    budget = "" if claimed is None else "; the claimed rate's budget: %.3f ms/loop, the deadline's (x1.5) %.3f" % (2 * N**3 / claimed * 1e3, 1.5 * 2 * N**3 / claimed * 1e3)
    print("compute n=%d tile %d: %.3f ms/loop over %d loops (%.0f TFLOP/s for the whole loop; products on %s)%s" % (
        N, TILE, seconds / loops * 1e3, loops, 2 * N**3 * loops / seconds / 1e12, "bf16 with float32 output" if kernels.product_path == "bf16" else "TF32 (this torch has no bf16 product with float32 output)", budget))
    batch = kernels.loops_per_batch(N)
    keys = [(H.matrix_key(spec["seed"], l, 0), H.matrix_key(spec["seed"], l, 1)) for l in range(batch)]
    gen, A = timed(lambda: kernels.matrices([k[0] for k in keys], N))
    B = kernels.matrices([k[1] for k in keys], N)
    mul, C = timed(lambda: kernels.exact_products(A, B))
    sha, _ = timed(lambda: kernels.tile_digests(C, TILE))
    print("  per loop, in batches of %d: generate A and B %.3f ms, product %.3f ms (%.0f TFLOP/s), tile SHA-256 and copy %.3f ms" % (batch, 2 * gen / batch * 1e3, mul / batch * 1e3, 2 * N**3 * batch / mul / 1e12, sha / batch * 1e3))
    del A, B, C
    H.torch.cuda.empty_cache()


def bench_memory(helper, kernels):
    free, total = H.torch.cuda.mem_get_info()
    pages = int(0.9 * total / (4 * PAGE_WORDS))
    spec = {"seed": os.urandom(32).hex(), "pageWords": PAGE_WORDS, "rounds": 2, "pages": pages, "probeWords": 4}
    print("memory: %.1f GiB free of %.1f GiB" % (free / 2**30, total / 2**30))
    fill_ms = helper.fill(spec)
    probes = [{"page": random.randrange(pages), "word": random.randrange(PAGE_WORDS - 4)} for _ in range(4096)]
    helper.answer(probes[:16])
    start = time.perf_counter()
    answers = helper.answer(probes)
    answer_ms = (time.perf_counter() - start) * 1e3
    right = all(answers[i] == "".join("%08x" % w for w in H.py_page(spec, probes[i]["page"])[probes[i]["word"]:probes[i]["word"] + 4]) for i in range(2))
    print("  fill of %d pages (%.1f GiB, 90 %% of the card): %.2f s; 4096 probes answered in %.1f ms (2 checked against Python: %s)" % (pages, pages * 4 / 1024, fill_ms / 1e3, answer_ms, right))
    helper.pages = None
    H.torch.cuda.empty_cache()
    for count in (1, 2048):
        seconds, _ = timed(lambda: kernels.fill_pages(spec, list(range(count))))
        print("  a cheater's GPU regenerating %d page%s at once: %.3f s" % (count, "" if count == 1 else "s", seconds))


def hashlib_pow(spec, start):
    """The first `shares` solving nonces from `start`, by hashlib: a reference that shares no code with the helper."""
    id_bytes = spec["deviceId"].encode("utf-8")
    prefix = bytes.fromhex(spec["seed"]) + len(id_bytes).to_bytes(4, "big") + id_bytes
    out, n = [], start
    while len(out) < spec["shares"]:
        digest = int.from_bytes(hashlib.sha256(prefix + n.to_bytes(8, "big")).digest(), "big")
        if digest >> (256 - spec["difficultyBits"]) == 0:
            out.append(n)
        n += 1
    return out


def bench_pow(helper):
    ok = True
    for id_len in (42, 20, 22, 26, 31, 93):
        spec = {"seed": os.urandom(32).hex(), "deviceId": "d" * id_len, "difficultyBits": 6, "shares": 8}
        for start in (0, (1 << 32) - 300):
            ok = ok and helper.pow(spec, 60_000, start)["nonces"] == hashlib_pow(spec, start)
    print("proof-of-work: parity with hashlib on random seeds (6 id lengths, from 0 and across 2^32): %s" % ok)
    spec = {"seed": os.urandom(32).hex(), "deviceId": "0x" + "ab" * 20, "difficultyBits": 64, "shares": 1}
    helper.pow(spec, 200)
    seconds, found = timed(lambda: helper.pow(spec, 2000))
    print("  hash rate: %.3g hashes/s (%d nonces in %.2f s, difficulty 64: none expected)" % (found["hashes"] / seconds, found["hashes"], seconds))


def main():
    if H.torch is None or not H.torch.cuda.is_available():
        print("no CUDA device for %s (torch %s): nothing to measure; run this on a GPU machine, with TG_GPU_PYTHON naming a Python with torch and Triton" % (sys.executable, getattr(H.torch, "__version__", "missing")))
        return 0
    helper = H.Helper("cuda")
    model = H.torch.cuda.get_device_name(0)
    print("device: %s, torch %s, triton %s" % (model, H.torch.__version__, helper.kernels.triton_version))
    check_parity(helper, helper.kernels)
    bench_compute(helper, helper.kernels, float(sys.argv[sys.argv.index("--claimed-flops") + 1]) if "--claimed-flops" in sys.argv else None)
    bench_memory(helper, helper.kernels)
    bench_pow(helper)
    return 0


if __name__ == "__main__":
    sys.exit(main())
