import type { GpuHelper, PageRange } from './gpu-helper';

/**
 * Splits `total` items into `parts` contiguous ranges as even as can be (the first ones one
 * longer); empty ranges are left out.
 * @param total - items
 * @param parts - ranges wanted
 */
export function evenRanges(total: number, parts: number): (PageRange & { part: number })[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  const out: (PageRange & { part: number })[] = [];
  let first = 0;
  for (let part = 0; part < parts; part++) {
    const count = base + (part < extra ? 1 : 0);
    if (count > 0) out.push({ part, first, count });
    first += count;
  }
  return out;
}

/**
 * One helper over several cards (a multi-GPU worker: its challenges are sized to all of its
 * cards): each card's helper fills a contiguous share of the memory pages and answers the
 * probes that land in it; compute loops are split the same way and their leaves (or tiles) put
 * back in loop order. Every card runs at once, so the worker shows the claimed total of memory and
 * FLOP/s. The selftest passes only if every card's does (failures name the card), except that
 * a card other than the first may fail its proof-of-work vectors: only the first answers PoW
 * (such failures come back in `ignoredPowFailures`, for the log).
 * @param helpers - one started helper per card, in card order
 */
export function shardGpuHelpers(helpers: readonly GpuHelper[]): GpuHelper {
  let held: (PageRange & { part: number })[] = [];
  const all = <T>(run: (h: GpuHelper) => Promise<T>) => Promise.all(helpers.map((h) => run(h)));
  // Loops split over the cards in contiguous shares, each card's results put back in loop order.
  const split = async <T>(loops: readonly number[], run: (h: GpuHelper, share: readonly number[]) => Promise<T[]>) =>
    (await Promise.all(evenRanges(loops.length, helpers.length).map((r) => run(helpers[r.part]!, loops.slice(r.first, r.first + r.count))))).flat();

  return {
    async selftest() {
      // Only the first card answers proof-of-work: another card that fails only its PoW vectors counts as passing.
      const results = (await all((h) => h.selftest())).map((r, card) => ({ ...r, card }));
      const powOnly = (r: (typeof results)[number]) => r.card > 0 && r.failedKinds.length > 0 && r.failedKinds.every((k) => k === 'pow');
      const counted = results.filter((r) => !powOnly(r));
      const named = (list: typeof results) => list.flatMap((r) => r.failures.map((f) => `GPU ${r.card}: ${f}`));
      const ignoredPowFailures = named(results.filter(powOnly));
      // The slowest card's products: one card on TF32 holds the whole device back.
      const products = results.find((r) => r.products === 'tf32')?.products ?? results[0]?.products;
      return {
        ok: counted.every((r) => r.ok),
        failures: named(counted),
        failedKinds: [...new Set(counted.flatMap((r) => r.failedKinds))].sort(),
        ...(ignoredPowFailures.length ? { ignoredPowFailures } : {}),
        ...(products ? { products } : {}),
      };
    },
    page: (spec, page) => helpers[0]!.page(spec, page),
    async fill(spec) {
      held = evenRanges(spec.pages, helpers.length);
      return Math.max(...(await Promise.all(held.map((r) => helpers[r.part]!.fill(spec, { first: r.first, count: r.count })))));
    },
    async answer(probes) {
      // Nothing filled: the first card's helper says "answer before fill". A page outside every
      // share goes to the first card too, which refuses it.
      if (held.length === 0) return helpers[0]!.answer(probes);
      const byPart = new Map<number, number[]>();
      probes.forEach((p, i) => {
        const part = (held.find((r) => p.page >= r.first && p.page < r.first + r.count) ?? held[0]!).part;
        const indices = byPart.get(part) ?? [];
        if (indices.length === 0) byPart.set(part, indices);
        indices.push(i);
      });
      const answers = new Array<string>(probes.length);
      await Promise.all([...byPart].map(async ([part, indices]) => {
        const got = await helpers[part]!.answer(indices.map((i) => probes[i]!));
        indices.forEach((i, k) => (answers[i] = got[k]!));
      }));
      return answers;
    },
    async release() {
      held = [];
      await all((h) => h.release());
    },
    loopLeaves: (spec, loops) => split(loops, (h, share) => h.loopLeaves(spec, share)),
    loopTiles: (spec, loops) => split(loops, (h, share) => h.loopTiles(spec, share)),
    // The coordinator sizes proof-of-work to one CPU core's rate: the first card answers it alone.
    pow: (spec, options) => helpers[0]!.pow(spec, options),
    close: async () => void (await all((h) => h.close())),
  };
}
