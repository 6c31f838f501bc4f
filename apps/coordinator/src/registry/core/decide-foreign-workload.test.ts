import { describe, expect, it } from 'vitest';
import { decideForeignWorkload } from './decide-foreign-workload';

describe('decideForeignWorkload', () => {
  const miner = [{ pid: 7, name: 'xmrig' }];
  it('blocks a busy device that runs foreign GPU processes', () => {
    expect(decideForeignWorkload('busy', miner)).toEqual({ kind: 'block', why: 'ran 1 foreign GPU process(es) while hired: xmrig (7)' });
  });
  it('ignores idle devices and empty reports', () => {
    for (const state of ['available', 'pending', 'down', 'blocked'] as const) expect(decideForeignWorkload(state, miner)).toEqual({ kind: 'ignore' });
    expect(decideForeignWorkload('busy', [])).toEqual({ kind: 'ignore' });
  });
});
