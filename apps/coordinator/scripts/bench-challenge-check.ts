/**
 * `npm run bench:challenge-check [-- --gpu H100 --rounds 3 --json]`: the coordinator's CPU for
 * checking one production hardware challenge of a GPU worker, the part that grows with the
 * fleet (every challenged device costs it once a round). The device's own work is not run here.
 * - compute: the 32 sampled tiles recomputed from the seed (`computeTileDigest`, n = 4096,
 *   256×256 tiles: 2·256²·4096 FLOP each) of a challenge planned for the card's claimed rate;
 * - memory: 32 of the probed pages regenerated (`generateMemoryPage`, 4 MiB each) for an
 *   80 GiB card.
 * Prints per-tile and per-page least and median CPU ms (this process, one thread) and the check's total.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  DEFAULT_COMPUTE_POLICY, DEFAULT_MEMORY_POLICY, computeTileDigest, drawComputeSamples, drawMemoryProbes, generateMemoryPage, gpuReferenceFlops, planComputeChallenge, planMemoryChallenge,
  type SeedHex,
} from '@tensorgrid/domain';

const { values: args } = parseArgs({
  options: {
    gpu: { type: 'string', default: 'H100' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write('Usage: npm run bench:challenge-check -- [--gpu H100] [--rounds 3] [--json]\n');
  process.exit(0);
}
const rounds = Number(args.rounds);
if (!Number.isSafeInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, got ${args.rounds}`);

const seed = (): SeedHex => randomBytes(32).toString('hex') as SeedHex;
const cpuMs = (f: () => unknown): number => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1_000;
};
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { least: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, total: xs.reduce((s, x) => s + x, 0) / rounds };
};
const log = (line: string) => void (args.json ? process.stderr : process.stdout).write(`${line}\n`);

const claim = { flops: gpuReferenceFlops(args.gpu) };
const tiles: number[] = [];
const pages: number[] = [];
for (let round = 0; round < rounds; round++) {
  const compute = planComputeChallenge({ claim, policy: DEFAULT_COMPUTE_POLICY, seed: seed() });
  const samples = drawComputeSamples({ spec: compute, seed: seed(), sampleSize: DEFAULT_COMPUTE_POLICY.sampleSize });
  for (const index of samples) tiles.push(cpuMs(() => computeTileDigest(compute, index)));
  const memory = planMemoryChallenge({ claim: { memoryBytes: 80 * 2 ** 30 }, policy: DEFAULT_MEMORY_POLICY, seed: seed() });
  const probed = [...new Set(drawMemoryProbes({ spec: memory, seed: seed() }).map((p) => p.page))].slice(0, 32);
  const page = new Uint32Array(memory.pageWords);
  for (const p of probed) pages.push(cpuMs(() => generateMemoryPage(memory, p, page)));
  log(`round ${round + 1}/${rounds}: ${compute.loops} loops of n = ${compute.n} claimed at ${(claim.flops / 1e12).toFixed(0)} TFLOP/s; ${samples.length} tiles and ${probed.length} pages checked`);
}
const result = { gpu: args.gpu, claimedFlops: claim.flops, rounds, computeTileMs: stats(tiles), memoryPageMs: stats(pages) };
if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  log(`compute: ${tiles.length / rounds} tiles a check, ${result.computeTileMs.least.toFixed(1)} ms least, ${result.computeTileMs.median.toFixed(1)} ms median a tile; ${(result.computeTileMs.total / 1_000).toFixed(2)} s CPU a check (mean of ${rounds})`);
  log(`memory: ${pages.length / rounds} pages a check, ${result.memoryPageMs.least.toFixed(1)} ms least, ${result.memoryPageMs.median.toFixed(1)} ms median a page; ${(result.memoryPageMs.total / 1_000).toFixed(2)} s CPU a check (mean of ${rounds})`);
}
