import { describe, expect, it } from 'vitest';
import { mix32 } from './mix32';

describe('mix32', () => {
  it('matches known answers (computed independently with Python ints)', () => {
    expect([0, 1, 2, 0xdeadbeef, 0xffffffff].map(mix32)).toEqual([0, 0x688990c0, 0xd1132181, 0xe628c683, 0x6768824a]);
  });
});
