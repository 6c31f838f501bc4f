import { describe, expect, it } from 'vitest';
import { beaconBlocks } from './job-beacons';

const event = (name: string, block: number, logIndex = 0) => ({ name, block, logIndex });

describe('beaconBlocks', () => {
  it('takes the JobAccepted block as the assignment beacon and the JobSubmitted block as the challenge beacon', () => {
    expect(beaconBlocks([event('JobPosted', 3), event('JobAccepted', 5), event('JobSubmitted', 9)])).toEqual({ assignment: 5, challenge: 9 });
  });

  it('uses the last accept after a decline: the seed the holding node trained with', () => {
    expect(beaconBlocks([event('JobPosted', 3), event('JobAccepted', 5), event('JobDeclined', 6), event('JobAccepted', 8, 1), event('JobSubmitted', 12)])).toEqual({ assignment: 8, challenge: 12 });
  });

  it('is undefined until the index has both events', () => {
    expect(beaconBlocks([event('JobPosted', 3), event('JobAccepted', 5)])).toBeUndefined();
    expect(beaconBlocks([event('JobPosted', 3)])).toBeUndefined();
  });
});
