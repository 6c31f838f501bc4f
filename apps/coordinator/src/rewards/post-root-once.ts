import { BaseError } from '@tensorgrid/protocol';
import type { PostedRoot } from './core/job-share-chain';

/** What {@link postRootOnce} needs. */
export interface PostRootOnceInput {
  /** The stored root. */
  root: string;
  /** Names the epoch and pool in errors, e.g. `Reward block 7 (gpu)`. */
  label: string;
  data: Record<string, unknown>;
  onChain(): Promise<PostedRoot | null>;
  post(): Promise<{ txHash: string }>;
}

/**
 * Posts a stored root unless the chain already holds it: a root posted before a crash (or by
 * another replica) is recorded, not posted twice; a different root on chain is an error that
 * needs a person. Shared by reward blocks and job-share days.
 * @param input - the stored root, how to read and post it, and what to name in errors
 * @returns the transaction to record, and whether this call posted it
 * @throws BaseError INTERNAL when the chain holds another root
 */
export async function postRootOnce(input: PostRootOnceInput): Promise<{ txHash: string; posted: boolean }> {
  const onChain = await input.onChain();
  if (onChain === null) return { txHash: (await input.post()).txHash, posted: true };
  if (onChain.root.toLowerCase() === input.root.toLowerCase()) return { txHash: onChain.txHash ?? '0x', posted: false };
  throw new BaseError('INTERNAL', `${input.label} has another root on chain than the one stored`, {
    details: 'Another coordinator posted a different root for it; reconcile the databases before posting again.',
    data: { ...input.data, stored: input.root, onChain: onChain.root },
  });
}
