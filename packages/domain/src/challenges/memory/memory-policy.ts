/**
 * The coordinator's parameters for memory-capacity challenges. Every number is policy, none
 * comes from the device.
 *
 * How they defeat a device holding a fraction h < 1 of its claim (it must regenerate the
 * missing pages at answer time, or guess):
 * - page generation is sequential and costs `(1 + rounds) × pageWords` dependent steps,
 *   with data-dependent reads over the whole page (see `generateMemoryPage`), so no word of
 *   a page can be had for less than regenerating that page;
 * - r probes land on ≈ min(r, pages) distinct pages; a device missing (1-h) of them must
 *   regenerate ≈ (1-h)·pages·(1-e^{-r/pages}) pages. On a CPU that is ≈ (1-h)/2 of the
 *   whole fill time for h=1/2, r ≥ 4·pages, while the deadline is set to a small fraction
 *   of the fill time; the honest answer is r memory reads (microseconds);
 * - an optimal cheater regenerates until the deadline, then guesses: the fraction g of
 *   garbage answers stays large, and the coordinator, checking k random probes, misses it
 *   with probability (1-g)^k. k = 32 keeps that below 1 % for any g ≥ 0.14.
 * - against massive parallelism (a GPU regenerating all missing pages at once) only the
 *   sequential latency of one page counts: production pages take longer to generate
 *   sequentially than the deadline (measured in DEFAULT_MEMORY_POLICY).
 */
export interface MemoryChallengePolicy {
  /** Fraction of the claimed bytes actually filled (0.9 of a GPU's VRAM in production, 1/2 of a CPU worker's RAM; 1/256 on the devnet). */
  scale: number;
  /** Page size in bytes: a power of two, ≥ 1 KiB. */
  pageBytes: number;
  /** Data-dependent mixing passes over each page after the fill pass (≥ 2, see generateMemoryPage). */
  rounds: number;
  /** r: probes per challenge. */
  probes: number;
  /** uint32 words returned per probe (4 = 128 bits: guessing is hopeless). */
  probeWords: number;
  /** k: probes whose page the coordinator regenerates and checks. */
  sampleSize: number;
  /** Fixed part of the answer deadline: round trip, scheduling and serialisation. */
  answerBaseMs: number;
  /** Per-probe part of the answer deadline (reading and encoding one answer). */
  answerPerProbeMs: number;
  /** Refuse claims that would fill fewer pages than this (too few to sample). */
  minPages: number;
  /** Refuse claims that would fill more pages than this. */
  maxPages: number;
}

/**
 * Devnet, tests and the bench (CPU, 2 cores): 1/256 of the claim, 64 KiB pages, 16 rounds,
 * 1024 probes, k = 32, deadline 40 ms + 10 µs/probe = 50.24 ms. 40 ms of base covers scheduler
 * hiccups on a shared machine with the other core busy; the honest answer takes ≈ 0.3 ms.
 * A device holding half must regenerate its missing probed pages (≈ 96 of a 3 GiB claim's 192)
 * inside that. With 8 rounds (≈ 1 ms a page on the reference machine) it could not, but a VM
 * twice as fast regenerated nearly all of them: 4 of 300 such devices passed
 * (`npm run bench:challenges`, 2026-11-24, guessing 13.7 % of answers on average). 16 rounds
 * double a page's cost (and the honest fill's, 16 MiB in ≈ 0.5 s), so even that VM guesses a
 * large share and escapes with about (1 - g)^32.
 */
export const DEVNET_MEMORY_POLICY: MemoryChallengePolicy = {
  scale: 1 / 256,
  pageBytes: 64 * 1024,
  rounds: 16,
  probes: 1024,
  probeWords: 4,
  sampleSize: 32,
  answerBaseMs: 40,
  answerPerProbeMs: 0.01,
  minPages: 16,
  maxPages: 1 << 16,
};

/**
 * Production (GPU workers): 90 % of the claimed VRAM in 4 MiB pages (2^20 words) with 2
 * rounds = 3·2^20 dependent steps per page; deadline 250 ms + 20 µs/probe ≈ 332 ms for 4096
 * probes, which leaves room for a WAN round trip. The coordinator regenerates k = 32 pages
 * per check (≈ 0.7 s of CPU).
 *
 * Calibrated on an H100 80GB (2026-11-23, `npm run bench:gpu-challenges`, the CUDA helper's
 * Triton kernels):
 * - an honest card fills 18,242 pages (71.3 GiB) in 2.2-2.7 s and answers 4096 probes in 6-12 ms;
 *   it cannot fill the whole claim: nvidia-smi's 81,559 MiB include what the driver and
 *   the CUDA context keep (torch saw 78.3 GiB free), hence scale 0.9;
 * - a cheater must regenerate the pages it lacks, and on the GPU one page alone takes
 *   0.37-0.46 s (its chain of steps is sequential), longer than the whole deadline, and 2048
 *   pages at once 1.3-1.4 s: a card holding half its claim answers none of its ≈ 1,840
 *   missing probed pages in time, so about half its answers are guesses. The margin on one
 *   page is thin (0.37 s against 0.33 s): re-measure on faster cards and raise `rounds` when
 *   a page regenerates inside the deadline;
 * - on the host's CPU a page costs 66-80 ms of native code per core (Xeon, 16 cores):
 *   regenerating 1,840 pages inside 332 ms would take ≈ 400 such cores.
 */
export const DEFAULT_MEMORY_POLICY: MemoryChallengePolicy = {
  scale: 0.9,
  pageBytes: 4 * 1024 * 1024,
  rounds: 2,
  probes: 4096,
  probeWords: 4,
  sampleSize: 32,
  answerBaseMs: 250,
  answerPerProbeMs: 0.02,
  minPages: 16,
  maxPages: 1 << 18,
};

/**
 * Production (CPU workers): the GPU workers' pages, probes and deadline over half the
 * claimed RAM. A CPU worker's claim is its machine's whole RAM, which it cannot fill at scale 1 (its
 * OS and its own process live there too), while half is the least that still catches a
 * device claiming twice its RAM: it would have to hold all of its real RAM. A 64 GiB worker
 * fills 32 GiB (8,192 pages, minutes of one core at 20-60 ms a page) once a round; the
 * coordinator's check stays 32 pages.
 */
export const CPU_MEMORY_POLICY: MemoryChallengePolicy = { ...DEFAULT_MEMORY_POLICY, scale: 1 / 2 };

/**
 * The answer deadline: a function of the probe count and the policy only (never of anything
 * the device says about itself).
 * @param policy - the policy
 * @param probes - r
 */
export function memoryDeadlineMs(policy: Pick<MemoryChallengePolicy, 'answerBaseMs' | 'answerPerProbeMs'>, probes: number): number {
  return policy.answerBaseMs + probes * policy.answerPerProbeMs;
}
