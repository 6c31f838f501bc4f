import { deriveSeed, type SeedHex } from '../challenge-seed';
import { challengeVerdict, type ChallengeFailureReason, type ChallengeVerdict } from '../challenge-verdict';
import { createSeededRng, sampleDistinct } from '../seeded-rng';
import { generateMemoryPage, readMemoryAnswer } from './memory-page';
import type { MemoryChallengeSpec, MemoryProbe } from './memory-spec';

/** Default k when the caller does not pass one (DEVNET/DEFAULT policies use 32). */
export const DEFAULT_MEMORY_SAMPLE_SIZE = 32;

/** What {@link checkMemoryAnswers} needs. */
export interface CheckMemoryAnswersInput {
  spec: MemoryChallengeSpec;
  /** The probes sent, in order. */
  probes: readonly MemoryProbe[];
  /** The device's answers, one per probe, in order (untrusted). */
  answers: readonly unknown[];
  /** ms from sending the probes to receiving the answers, as measured by the coordinator. */
  elapsedMs: number;
  /** The coordinator's secret seed (label `memory/sample` picks which probes to check). */
  seed: SeedHex;
  /** k: probes to check by regenerating their pages (stops at the first wrong one). @default 32 */
  sampleSize?: number;
}

/**
 * The coordinator's check: every answer well-formed, k randomly chosen answers equal to the
 * regenerated page words, and the answers in by the deadline. Cost: the distinct pages among
 * k probes, each (1 + rounds)·pageWords steps. A device that answers a fraction g at random
 * escapes with probability (1-g)^k.
 * @param input - spec, probes, answers, elapsed time and the secret seed
 */
export function checkMemoryAnswers(input: CheckMemoryAnswersInput): ChallengeVerdict {
  const { spec, probes, answers, elapsedMs } = input;
  const k = input.sampleSize ?? DEFAULT_MEMORY_SAMPLE_SIZE;
  const metrics: Record<string, number> = {
    elapsedMs,
    deadlineMs: spec.deadlineMs,
    probes: probes.length,
    bytes: spec.pages * spec.pageWords * 4,
    claimedBytes: spec.claimedBytes,
    pagesChecked: 0,
    probesChecked: 0,
    wrongAnswers: 0,
  };
  if (!Array.isArray(answers) || answers.length < probes.length) return challengeVerdict('no-answer', { ...metrics, answered: Array.isArray(answers) ? answers.length : 0 });
  const shape = new RegExp(`^[0-9a-f]{${8 * spec.probeWords}}$`);
  if (!answers.every((a) => typeof a === 'string' && shape.test(a))) return challengeVerdict('malformed-answer', metrics);

  const rng = createSeededRng(deriveSeed(input.seed, 'tensorgrid/memory/sample'));
  const chosen = sampleDistinct(rng, { k, n: probes.length });
  // Check in the random order drawn and stop at the first wrong answer: a cheater is
  // failed after a page or two, an honest device costs the full k probes.
  const pages = new Map<number, Uint32Array>();
  let wrong = 0;
  let checked = 0;
  for (const i of chosen) {
    const probe = probes[i]!;
    const words = pages.get(probe.page) ?? generateMemoryPage(spec, probe.page);
    pages.set(probe.page, words);
    checked++;
    if (readMemoryAnswer(words, probe, spec.probeWords) !== answers[i]) {
      wrong++;
      break;
    }
  }
  metrics.pagesChecked = pages.size;
  metrics.probesChecked = checked;
  metrics.wrongAnswers = wrong;
  let failure: ChallengeFailureReason | null = null;
  if (wrong > 0) failure = 'wrong-answer';
  else if (!(elapsedMs <= spec.deadlineMs)) failure = 'deadline-missed';
  return challengeVerdict(failure, metrics);
}
