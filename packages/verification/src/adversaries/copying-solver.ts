import { bytesToHex } from '@noble/hashes/utils';
import type { PrfStream } from '@tensorgrid/tensor';
import { checkReveal, type RootReveal } from '../commit-reveal/commit-root';
import { commitRoot } from '../commit-reveal/commit-root';

/** How a V2 copier tries to ride on another solver's work in dual execution. */
export type CopyStrategy = 'repost-commitment' | 'commit-then-copy-root';

/**
 * V2, a copying solver (test/benchmark support). It sees only the honest solver's posted
 * commitment before committing itself, then sees the honest reveal.
 * - `repost-commitment`: posts the same commitment, then reveals the honest root and salt as
 *   its own: fails, the node is bound into the commitment.
 * - `commit-then-copy-root`: commits to a guess with its own salt, then reveals the honest
 *   root: fails, the commitment binds the guess.
 * Returns whether its reveal would be accepted (it never should be).
 * @param honest - the honest solver's commitment and (later) its reveal
 * @param copier - the copier's node and randomness
 */
export function copyingSolverSucceeds(honest: { commitment: string; reveal: RootReveal }, copier: { node: string; strategy: CopyStrategy; rng: PrfStream }): boolean {
  const random32 = (): string => bytesToHex(Uint8Array.from({ length: 32 }, () => copier.rng.nextBelow(256)));
  if (copier.strategy === 'repost-commitment') return checkReveal(honest.commitment, { ...honest.reveal, node: copier.node });
  const salt = random32();
  const own = commitRoot({ root: random32(), node: copier.node, salt });
  return checkReveal(own, { root: honest.reveal.root, node: copier.node, salt });
}
