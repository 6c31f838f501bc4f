import type { MissCriterionView } from '@tensorgrid/protocol';
import { formatGrid } from '../chain/parse-grid-amount';

const hours = (ms: number) => `${(ms / 3_600_000).toFixed(ms % 3_600_000 === 0 ? 0 : 2)} h`;
const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/**
 * A failed nomination criterion in words, with what to do about it.
 * @param c - the criterion
 */
export function describeMiss(c: MissCriterionView): string {
  switch (c.code) {
    case 'not-up':
      return `not up the whole hour (up ${minutes(c.upMs)} of ${minutes(c.requiredMs)} required)`;
    case 'uptime-streak-short':
      return `uptime streak ${hours(c.streakMs)} < ${hours(c.requiredMs)} (a restart or reconnect resets it; keep the worker running)`;
    case 'challenges-failed':
      return `${c.failed} hardware challenge(s) failed (${c.allowed} allowed)`;
    case 'no-challenge-passed':
      return `no hardware challenge passed in the last ${hours(c.lookbackMs)} (challenges go over the worker's WebSocket session, and not to a hired device: check the worker's log for session failures)`;
    case 'stake-below-minimum':
      return `stake ${formatGrid(BigInt(c.stake))} below the minimum ${formatGrid(BigInt(c.minimum))} at some time in the block (tgrid stake <amount>; blocks that begin after it count)`;
    case 'blocked':
      return 'the device is blocked by the network';
    case 'score-below-threshold':
      return `quality score ${c.score.toFixed(1)} below the market's threshold ${c.threshold} (see \`tgrid devices show <id>\` for its uptime, challenge pass rates and speeds)`;
    case 'simulated':
      return 'simulated devices do not earn on this network';
  }
}
