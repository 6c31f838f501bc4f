#!/usr/bin/env python3
"""Tensorgrid hardware-challenge helper: the memory fill and the seeded matmul on a GPU.

Bit-identical to the TypeScript reference in packages/domain/src/challenges: the conformance
vectors in challenge_vectors.json (written from that reference, kept in step by
apps/worker/src/challenges/challenge-vectors.test.ts) are checked by the "selftest" op, which
the worker runs before it trusts the GPU path.

Usage: challenge_helper.py serve [--device auto|cuda|cpu] [--card N] [--vectors PATH]
  --card N works on torch's CUDA device N only (a worker with several cards runs one helper per card).
  Reads one JSON request per line on stdin, writes one JSON reply per line on stdout:
    {"op": "probe"}                                   -> {"torch": "2.x" | null, "triton": "3.x" | null, "cuda": bool, "device": "..."}
    {"op": "selftest"}                                -> {"ok": bool, "failures": ["...", ...], "failedKinds": ["memory" | "compute" | "pow", ...],
                                                         "products": "bf16" | "tf32" | "python" | "none"}  (what multiplied the compute vectors)
    {"op": "page", "spec": {...}, "page": i}          -> {"words": ["8 hex", ...]}
    {"op": "fill", "spec": {...}, "first": f, "count": c} -> {"ms": float}   (keeps pages f .. f+c-1 in (V)RAM;
                                                         without first/count every page: one card of several holds its share)
    {"op": "answer", "probes": [{"page", "word"}]}    -> {"answers": ["hex", ...]}  (pages among those filled)
    {"op": "release"}                                 -> {"released": true}  (frees the filled pages)
    {"op": "digest-loops", "spec": {...}, "loops": [l, ...]} -> {"digests": ["hex of the loop's tile digests, concatenated", ...]}
    {"op": "digest-loops", ..., "fold": true}         -> {"digests": ["hex of SHA-256 of those digests: the loop's Merkle leaf", ...]}
    {"op": "pow", "spec": {...}, "budgetMs": b, "from": f}  -> {"nonces": [n, ...], "hashes": h}  (solving nonces from f up,
                                                         at most the spec's shares, found within b ms; h nonces tried)
  Errors reply {"error": "message"}.

On "cuda" the Triton kernels of challenge_kernels.py do the work (torch and Triton needed).
On "cpu" a pure-Python path runs the same arithmetic: tiny sizes and the parity tests only.
"""
import hashlib
import json
import os
import struct
import sys
import time

from pow_puzzle import pow_layout, pow_masks, py_pow_scan

M32 = 0xFFFFFFFF
M1 = 0x7FEB352D
M2 = 0x846CA68B
GOLDEN = 0x9E3779B9
BOUND = 8
# Nonces one proof-of-work scan tries: a kernel launch (16 Mi lanes), or a slice of the pure path between time checks.
POW_GPU_CHUNK = 1 << 24
POW_PY_CHUNK = 64

try:
    import torch  # type: ignore
except Exception:  # noqa: BLE001 - any import failure means "no torch"
    torch = None


def mix32(x):
    x &= M32
    x ^= x >> 16
    x = (x * M1) & M32
    x ^= x >> 15
    x = (x * M2) & M32
    x ^= x >> 16
    return x


def page_start(seed, page):
    return int.from_bytes(hashlib.sha256(bytes.fromhex(seed) + page.to_bytes(4, "big")).digest()[:4], "big")


def matrix_key(seed, loop, which):
    return int.from_bytes(hashlib.sha256(bytes.fromhex(seed) + bytes([which]) + loop.to_bytes(4, "big")).digest()[:4], "big")


# ---------------------------------------------------------------- pure Python (tiny sizes)

def py_page(spec, page):
    P = spec["pageWords"]
    mask = P - 1
    x = page_start(spec["seed"], page)
    V = [0] * P
    for j in range(P):
        x = mix32(x + GOLDEN)
        V[j] = x
    for t in range(spec["rounds"] * P):
        x = mix32(x ^ V[x & mask])
        V[t & mask] ^= x
    return V


def py_loop_digests(spec, loop):
    n, tile = spec["n"], spec["tile"]
    ka, kb = matrix_key(spec["seed"], loop, 0), matrix_key(spec["seed"], loop, 1)
    A = [mix32(ka ^ mix32(e)) % (2 * BOUND + 1) - BOUND for e in range(n * n)]
    B = [mix32(kb ^ mix32(e)) % (2 * BOUND + 1) - BOUND for e in range(n * n)]
    C = [0] * (n * n)
    for i in range(n):
        for k in range(n):
            a = A[i * n + k]
            if a:
                for j in range(n):
                    C[i * n + j] += a * B[k * n + j]
    t = n // tile
    out = []
    for ti in range(t):
        for tj in range(t):
            vals = [C[(ti * tile + r) * n + tj * tile + c] for r in range(tile) for c in range(tile)]
            out.append(hashlib.sha256(struct.pack("<%di" % len(vals), *vals)).hexdigest())
    return out


# ---------------------------------------------------------------- server

VECTORS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "challenge_vectors.json")


def page_words_sha256(words):
    return hashlib.sha256(struct.pack("<%dI" % len(words), *words)).hexdigest()


class Helper:
    def __init__(self, device, vectors_path=VECTORS_PATH, card=None):
        cuda = torch is not None and torch.cuda.is_available()
        if device == "auto":
            device = "cuda" if cuda else "cpu"
        if device == "cuda" and not cuda:
            raise SystemExit("cuda requested but torch sees no CUDA device")
        if device == "cuda" and card is not None:
            if not 0 <= card < torch.cuda.device_count():
                raise SystemExit("--card %d: torch sees %d CUDA devices" % (card, torch.cuda.device_count()))
            torch.cuda.set_device(card)
        self.device = device
        self.kernels = None
        if device == "cuda":
            import challenge_kernels  # noqa: PLC0415 - needs torch, Triton and CUDA

            self.kernels = challenge_kernels
        self.vectors_path = vectors_path
        self.spec = None
        self.pages = None
        self.first = 0
        self.count = 0

    def page(self, spec, page):
        if self.kernels:
            return (self.kernels.fill_pages(spec, [page_start(spec["seed"], page)])[:, 0].to(torch.int64) & M32).tolist()
        return py_page(spec, page)

    def fill(self, spec, first=0, count=None):
        start = time.perf_counter()
        count = spec["pages"] - first if count is None else count
        if first < 0 or count < 1 or first + count > spec["pages"]:
            raise ValueError("pages %d..%d are not within the spec's %d" % (first, first + count - 1, spec["pages"]))
        self.spec, self.pages, self.first, self.count = spec, None, first, count
        pages = range(first, first + count)
        if self.kernels:
            self.pages = self.kernels.fill_pages(spec, [page_start(spec["seed"], p) for p in pages])
            torch.cuda.synchronize()
        else:
            self.pages = [py_page(spec, p) for p in pages]
        return (time.perf_counter() - start) * 1000

    def answer(self, probes):
        w = self.spec["probeWords"]
        if any(not 0 <= p["page"] - self.first < self.count for p in probes):
            raise ValueError("a probe names a page this helper did not fill (it holds %d..%d)" % (self.first, self.first + self.count - 1))
        probes = [{"page": p["page"] - self.first, "word": p["word"]} for p in probes]
        if self.kernels:
            words = self.kernels.read_probes(self.pages, probes, w)
        else:
            words = [self.pages[p["page"]][p["word"]:p["word"] + w] for p in probes]
        return ["".join("%08x" % x for x in ws) for ws in words]

    def raw_loop_digests(self, spec, loops):
        """Each loop's tile digests, concatenated (bytes), in the order of `loops`."""
        n, tile = spec["n"], spec["tile"]
        if not self.kernels or tile % 16:
            return [bytes.fromhex("".join(py_loop_digests(spec, l))) for l in loops]
        batch = self.kernels.loops_per_batch(n)
        out = []
        for i in range(0, len(loops), batch):
            keys = [(matrix_key(spec["seed"], l, 0), matrix_key(spec["seed"], l, 1)) for l in loops[i:i + batch]]
            out.extend(self.kernels.loop_digests(keys, n, tile))
        return out

    def digest_loops(self, spec, loops, fold=False):
        """Each loop's tile digests (hex), or with `fold` the SHA-256 of them, the loop's Merkle
        leaf: 32 bytes a loop off the card instead of 32 a tile."""
        return [hashlib.sha256(raw).hexdigest() if fold else raw.hex() for raw in self.raw_loop_digests(spec, loops)]

    def pow(self, spec, budget_ms, start=0, most=None):
        """Solving nonces from `start` up, until the spec's shares are found, `budget_ms` runs out
        or `most` nonces were tried (then fewer: the coordinator fails it as no answer), and how
        many nonces were tried."""
        bits, shares = spec["difficultyBits"], spec["shares"]
        if not 1 <= bits <= 64 or shares < 1 or not 0 <= start < 2 ** 53:
            raise ValueError("difficultyBits must be 1..64, shares at least 1 and start a safe integer")
        stop = time.perf_counter() + budget_ms / 1000
        chunk = POW_GPU_CHUNK if self.kernels else POW_PY_CHUNK
        nonces, at, end = [], start, float("inf") if most is None else start + most
        while len(nonces) < shares and at < end and time.perf_counter() < stop:
            count = int(min(chunk, (1 << 32) - (at & M32), end - at))  # one 2^32 window a scan: the high word is in the layout
            if self.kernels:
                window = at >> 32 << 32
                found = self.kernels.pow_solutions(pow_layout(spec, at >> 32), at & M32, count, pow_masks(bits))
                nonces.extend(window + lo for lo in found)
            else:
                nonces.extend(py_pow_scan(spec, at, count))
            at += count
        return {"nonces": nonces[:shares], "hashes": at - start}

    def selftest(self):
        """Every vector on this helper's path; `failedKinds` names the challenge kinds with a
        failure (or an error: a kernel that does not compile fails its kind, not the selftest)."""
        with open(self.vectors_path) as f:
            vectors = json.load(f)
        failures, failed_kinds = [], set()

        def check(kind, label, run, expected):
            try:
                got = run()
            except Exception as err:  # noqa: BLE001 - reported as this vector's failure
                got, label = None, "%s (%s: %s)" % (label, type(err).__name__, err)
            if got != expected:
                failures.append("%s %s" % (kind, label))
                failed_kinds.add(kind)

        # Proof-of-work first: a kernel fault that poisons this process's CUDA context then fails
        # the memory and compute vectors after it too, and the worker leaves the card's path.
        for v in vectors["pow"]:
            # Bounded by nonces, not time: a kernel that finds nothing stops at once, a slow machine still finishes.
            most = v["nonces"][-1] - v["from"] + 1
            check("pow", "from %d of %s" % (v["from"], json.dumps(v["spec"])), lambda: self.pow(v["spec"], 600_000, v["from"], most)["nonces"], v["nonces"])
        for v in vectors["memory"]:
            for page, expected in v["pageSha256"].items():
                check("memory", "page %s of %s" % (page, json.dumps(v["spec"])), lambda: page_words_sha256(self.page(v["spec"], int(page))), expected)
        for v in vectors["compute"]:
            for loop, expected in v["loopDigests"].items():
                check("compute", "loop %s of %s" % (loop, json.dumps(v["spec"])), lambda: self.digest_loops(v["spec"], [int(loop)])[0], expected)
        return {"ok": not failures, "failures": failures, "failedKinds": sorted(failed_kinds), "products": self.products()}

    def products(self):
        """What multiplies compute matrices here: bf16 tensor cores with float32 output (the rate
        claims are sized to), TF32 (a torch without them: about half that rate on A100 and H100),
        pure Python, or "none" when no product has run yet on the card (the selftest's compute
        vectors run one unless they fail first)."""
        if not self.kernels:
            return "python"
        return self.kernels.product_path or "none"

    def handle(self, req):
        op = req.get("op")
        if op == "probe":
            return {"torch": None if torch is None else torch.__version__, "triton": getattr(self.kernels, "triton_version", None), "cuda": torch is not None and torch.cuda.is_available(), "device": self.device}
        if op == "selftest":
            return self.selftest()
        if op == "page":
            return {"words": ["%08x" % w for w in self.page(req["spec"], req["page"])]}
        if op == "fill":
            return {"ms": self.fill(req["spec"], req.get("first", 0), req.get("count"))}
        if op == "answer":
            if self.spec is None:
                return {"error": "answer before fill"}
            return {"answers": self.answer(req["probes"])}
        if op == "release":
            self.spec, self.pages = None, None
            if self.kernels:
                torch.cuda.empty_cache()
            return {"released": True}
        if op == "pow":
            return self.pow(req["spec"], req["budgetMs"], req.get("from", 0))
        if op == "digest-loops":
            return {"digests": self.digest_loops(req["spec"], req["loops"], req.get("fold") is True)}
        return {"error": "unknown op %r" % (op,)}


def main(argv):
    if len(argv) < 2 or argv[1] != "serve":
        sys.stderr.write(__doc__)
        return 2
    device = argv[argv.index("--device") + 1] if "--device" in argv else "auto"
    card = int(argv[argv.index("--card") + 1]) if "--card" in argv else None
    helper = Helper(device, argv[argv.index("--vectors") + 1] if "--vectors" in argv else VECTORS_PATH, card)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = helper.handle(json.loads(line))
        except Exception as err:  # noqa: BLE001 - reported to the caller, never fatal
            reply = {"error": "%s: %s" % (type(err).__name__, err)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
