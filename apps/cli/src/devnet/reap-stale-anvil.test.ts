import { spawn } from 'node:child_process';
import { startAnvil } from '@tensorgrid/chain';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from './devnet-info';
import { reapStaleAnvil } from './reap-stale-anvil';

describe('reapStaleAnvil', () => {
  it('stops a live anvil left behind, and nothing else', async () => {
    const anvil = await startAnvil();
    try {
      expect(await reapStaleAnvil(anvil.pid)).toBe(true);
      expect(isProcessAlive(anvil.pid)).toBe(false);
      expect(await reapStaleAnvil(anvil.pid)).toBe(false); // already gone
    } finally {
      await anvil.stop();
    }
    // A live process that is not anvil is left alone.
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      expect(await reapStaleAnvil(sleeper.pid!)).toBe(false);
      expect(isProcessAlive(sleeper.pid!)).toBe(true);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});
