import { generateMemoryPage, readMemoryAnswer, validateMemorySpec, type MemoryChallengeSpec, type MemoryProbe } from '@tensorgrid/domain';

/** Options of {@link CappedMemoryResponder}. */
export interface CappedMemoryOptions {
  /** Fraction of the pages it can hold (1/2 for a device claiming 2× its memory). */
  holdFraction: number;
  /** Clock in ms (default performance.now). */
  now?: () => number;
}

/**
 * Adversary for the fleet simulator and the bench: a device that claims more memory than it
 * has. It holds `holdFraction` of the pages; when probed it plays the optimal strategy:
 * answer held pages from memory, regenerate missing pages (most-probed first, each once)
 * while its time budget lasts, then guess the rest (all zeros). `regenerated` and `guessed`
 * say what it did.
 */
export class CappedMemoryResponder {
  readonly spec: MemoryChallengeSpec;
  private readonly held: Uint32Array[] = [];
  private readonly holdPages: number;
  private readonly now: () => number;
  regenerated = 0;
  guessed = 0;

  /**
   * @param spec - the challenge
   * @param options - how much it holds, and its clock
   */
  constructor(spec: unknown, options: CappedMemoryOptions) {
    this.spec = validateMemorySpec(spec);
    this.holdPages = Math.floor(this.spec.pages * Math.min(1, Math.max(0, options.holdFraction)));
    this.now = options.now ?? (() => performance.now());
  }

  /** Fills only the pages it has room for (the first `holdPages`; probes are uniform, so which ones does not matter). */
  fillSync(): void {
    this.held.length = 0;
    for (let p = 0; p < this.holdPages; p++) this.held.push(generateMemoryPage(this.spec, p));
  }

  /**
   * Answers probes, regenerating missing pages until `startedAt + budgetMs`.
   * @param probes - the coordinator's probes
   * @param timing - when the probes arrived (default now) and the budget (default 90 % of the deadline)
   */
  answer(probes: readonly MemoryProbe[], timing: { startedAt?: number; budgetMs?: number } = {}): string[] {
    const stopAt = (timing.startedAt ?? this.now()) + (timing.budgetMs ?? this.spec.deadlineMs * 0.9);
    const answers: string[] = new Array<string>(probes.length).fill('');
    const missing = new Map<number, number[]>();
    probes.forEach((probe, i) => {
      const page = this.held[probe.page];
      if (page) answers[i] = readMemoryAnswer(page, probe, this.spec.probeWords);
      else missing.set(probe.page, [...(missing.get(probe.page) ?? []), i]);
    });
    const order = [...missing.entries()].sort((a, b) => b[1].length - a[1].length);
    const scratch = new Uint32Array(this.spec.pageWords);
    const guess = '0'.repeat(8 * this.spec.probeWords);
    for (const [page, indices] of order) {
      if (this.now() < stopAt) {
        generateMemoryPage(this.spec, page, scratch);
        this.regenerated++;
        for (const i of indices) answers[i] = readMemoryAnswer(scratch, probes[i]!, this.spec.probeWords);
      } else {
        this.guessed += indices.length;
        for (const i of indices) answers[i] = guess;
      }
    }
    return answers;
  }
}
