import { describe, expect, it } from 'vitest';
import { postRootOnce } from './post-root-once';

const ROOT = `0x${'ab'.repeat(32)}`;
const TX = `0x${'01'.repeat(32)}`;

describe('postRootOnce', () => {
  const run = (onChain: { root: string; txHash: string | null } | null) => {
    let posts = 0;
    const result = postRootOnce({
      root: ROOT,
      label: 'Job-share day 7',
      data: { day: 7 },
      onChain: async () => onChain,
      post: async () => (posts++, { txHash: TX }),
    });
    return { result, posts: () => posts };
  };

  it('posts a root the chain does not hold yet', async () => {
    const r = run(null);
    expect(await r.result).toEqual({ txHash: TX, posted: true });
    expect(r.posts()).toBe(1);
  });

  it('records a root already on chain (any case) without posting it again', async () => {
    const r = run({ root: ROOT.toUpperCase().replace('0X', '0x'), txHash: TX });
    expect(await r.result).toEqual({ txHash: TX, posted: false });
    expect(r.posts()).toBe(0);
    expect(await run({ root: ROOT, txHash: null }).result).toEqual({ txHash: '0x', posted: false });
  });

  it('refuses when the chain holds another root', async () => {
    const r = run({ root: `0x${'cd'.repeat(32)}`, txHash: TX });
    await expect(r.result).rejects.toMatchObject({ code: 'INTERNAL', data: { day: 7, stored: ROOT } });
    expect(r.posts()).toBe(0);
  });
});
