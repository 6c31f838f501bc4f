#!/usr/bin/env python3
"""Tensorgrid hardware-challenge helper: the memory fill and the seeded matmul on a GPU.

Bit-identical to the TypeScript reference in packages/domain/src/challenges (the parity
test apps/worker/src/challenges/gpu-helper.test.ts checks it on tiny sizes).

Usage: challenge_helper.py serve [--device auto|cuda|cpu]
  Reads one JSON request per line on stdin, writes one JSON reply per line on stdout:
    {"op": "probe"}                                   -> {"torch": "2.x" | null, "cuda": bool, "device": "..."}
    {"op": "page", "spec": {...}, "page": i}          -> {"words": ["8 hex", ...]}
    {"op": "fill", "spec": {...}}                     -> {"ms": float}   (keeps the pages in (V)RAM)
    {"op": "answer", "probes": [{"page", "word"}]}    -> {"answers": ["hex", ...]}
    {"op": "digest-loops", "spec": {...}, "loops": [l, ...]} -> {"digests": [["64 hex", ...], ...]}
  Errors reply {"error": "message"}.

With torch and CUDA, pages are lanes of one int64 tensor (all pages advance one step at a
time) and products run on the GPU. Without torch (or with --device cpu and no torch) a
pure-Python path runs the same arithmetic: fine for tiny sizes and the parity test only.

Arithmetic notes:
- uint32 values live in Python ints or int64 tensors masked to 32 bits; multiplications by
  the 32-bit mix constants are split into 16-bit halves so no int64 product overflows.
- matmul inputs are integers in [-8, 8]; every sum is an integer below 2^24, exact in
  float32 whatever the summation order (and TF32 is disabled anyway).
"""
import hashlib
import json
import struct
import sys
import time

M32 = 0xFFFFFFFF
M1 = 0x7FEB352D
M2 = 0x846CA68B
GOLDEN = 0x9E3779B9
BOUND = 8

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


# ---------------------------------------------------------------- torch (GPU, or CPU torch)

def t_mul32(x, c):
    lo, hi = c & 0xFFFF, c >> 16
    return (x * lo + (((x * hi) & 0xFFFF) << 16)) & M32


def t_mix32(x):
    x = x & M32
    x = x ^ (x >> 16)
    x = t_mul32(x, M1)
    x = x ^ (x >> 15)
    x = t_mul32(x, M2)
    return x ^ (x >> 16)


def torch_pages(spec, pages, device):
    """All requested pages as lanes of one (len(pages), P) int64 tensor."""
    P = spec["pageWords"]
    mask = P - 1
    x = torch.tensor([page_start(spec["seed"], p) for p in pages], dtype=torch.int64, device=device)
    V = torch.empty((len(pages), P), dtype=torch.int64, device=device)
    for j in range(P):
        x = t_mix32(x + GOLDEN)
        V[:, j] = x
    for t in range(spec["rounds"] * P):
        v = V.gather(1, (x & mask).unsqueeze(1)).squeeze(1)
        x = t_mix32(x ^ v)
        V[:, t & mask] ^= x
    return V


def torch_loop_digests(spec, loop, device):
    n, tile = spec["n"], spec["tile"]
    e = torch.arange(n * n, dtype=torch.int64, device=device)
    me = t_mix32(e)
    mats = []
    for which in (0, 1):
        k = matrix_key(spec["seed"], loop, which)
        mats.append((t_mix32(me ^ k) % (2 * BOUND + 1) - BOUND).to(torch.float32).view(n, n))
    C = torch.matmul(mats[0], mats[1]).to(torch.int32)
    t = n // tile
    tiles = C.view(t, tile, t, tile).permute(0, 2, 1, 3).contiguous().view(t * t, tile * tile).cpu()
    out = []
    for row in tiles:
        try:
            data = row.numpy().astype("<i4").tobytes()
        except Exception:  # noqa: BLE001 - torch without numpy
            vals = row.tolist()
            data = struct.pack("<%di" % len(vals), *vals)
        out.append(hashlib.sha256(data).hexdigest())
    return out


# ---------------------------------------------------------------- server

class Helper:
    def __init__(self, device):
        cuda = torch is not None and torch.cuda.is_available()
        if device == "auto":
            device = "cuda" if cuda else "cpu"
        if device == "cuda" and not cuda:
            raise SystemExit("cuda requested but not available")
        self.device = device
        self.use_torch = torch is not None
        if self.use_torch and device == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = False
        self.spec = None
        self.pages = None

    def handle(self, req):
        op = req.get("op")
        if op == "probe":
            return {"torch": None if torch is None else torch.__version__, "cuda": torch is not None and torch.cuda.is_available(), "device": self.device}
        if op == "page":
            words = torch_pages(req["spec"], [req["page"]], self.device)[0].tolist() if self.use_torch else py_page(req["spec"], req["page"])
            return {"words": ["%08x" % w for w in words]}
        if op == "fill":
            start = time.perf_counter()
            self.spec = req["spec"]
            pages = list(range(self.spec["pages"]))
            self.pages = torch_pages(self.spec, pages, self.device) if self.use_torch else [py_page(self.spec, p) for p in pages]
            if self.use_torch and self.device == "cuda":
                torch.cuda.synchronize()
            return {"ms": (time.perf_counter() - start) * 1000}
        if op == "answer":
            if self.spec is None:
                return {"error": "answer before fill"}
            w = self.spec["probeWords"]
            probes = req["probes"]
            if self.use_torch:
                rows = torch.tensor([p["page"] for p in probes], dtype=torch.int64, device=self.device)
                cols = torch.tensor([p["word"] for p in probes], dtype=torch.int64, device=self.device)
                idx = cols.unsqueeze(1) + torch.arange(w, device=self.device).unsqueeze(0)
                words = self.pages[rows].gather(1, idx).tolist()
            else:
                words = [self.pages[p["page"]][p["word"]:p["word"] + w] for p in probes]
            return {"answers": ["".join("%08x" % x for x in ws) for ws in words]}
        if op == "digest-loops":
            spec = req["spec"]
            fn = (lambda l: torch_loop_digests(spec, l, self.device)) if self.use_torch else (lambda l: py_loop_digests(spec, l))
            return {"digests": [fn(l) for l in req["loops"]]}
        return {"error": "unknown op %r" % (op,)}


def main(argv):
    if len(argv) < 2 or argv[1] != "serve":
        sys.stderr.write(__doc__)
        return 2
    device = argv[argv.index("--device") + 1] if "--device" in argv else "auto"
    helper = Helper(device)
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
