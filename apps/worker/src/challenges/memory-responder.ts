import { generateMemoryPage, readMemoryAnswer, validateMemorySpec, type MemoryChallengeSpec, type MemoryProbe, type MemorySpecLimits } from '@tensorgrid/domain';

/**
 * The honest worker side of a memory-capacity challenge: `fill()` generates every page
 * into RAM (the CPU path; the GPU helper does the same in VRAM), then `answer(probes)`
 * reads the probed words. Keep the responder alive between the two calls: its memory is
 * the proof. Call `release()` when the challenge is over.
 *
 * The spec is validated first (VALIDATION_FAILED), with the worker's own ceiling, so a
 * coordinator cannot make it allocate more than it claimed.
 */
export class MemoryResponder {
  readonly spec: MemoryChallengeSpec;
  private pages: Uint32Array[] = [];

  /**
   * @param spec - the challenge (untrusted)
   * @param limits - the worker's ceiling (its claim × scale, plus slack)
   */
  constructor(spec: unknown, limits?: MemorySpecLimits) {
    this.spec = validateMemorySpec(spec, limits);
  }

  /** Generates all pages synchronously (blocks the event loop: use in benches and threads). */
  fillSync(): void {
    this.pages = [];
    for (let p = 0; p < this.spec.pages; p++) this.pages.push(generateMemoryPage(this.spec, p));
  }

  /**
   * Generates all pages, yielding to the event loop every `sliceMs` so heartbeats keep flowing.
   * @param options - slice length (default 50 ms) and an abort signal
   */
  async fill(options: { sliceMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    const sliceMs = options.sliceMs ?? 50;
    this.pages = [];
    let sliceStart = performance.now();
    for (let p = 0; p < this.spec.pages; p++) {
      options.signal?.throwIfAborted();
      this.pages.push(generateMemoryPage(this.spec, p));
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  /** Bytes held. */
  get heldBytes(): number {
    return this.pages.length * this.spec.pageWords * 4;
  }

  /**
   * Answers probes from memory: one read per probe. A probe outside the spec answers
   * an empty string (the coordinator's check fails it as malformed).
   * @param probes - the coordinator's probes
   */
  answer(probes: readonly MemoryProbe[]): string[] {
    return probes.map((probe) => {
      const page = this.pages[probe.page];
      if (!page || !Number.isSafeInteger(probe.word) || probe.word < 0 || probe.word + this.spec.probeWords > this.spec.pageWords) return '';
      return readMemoryAnswer(page, probe, this.spec.probeWords);
    });
  }

  /** Drops the pages. */
  release(): void {
    this.pages = [];
  }
}
