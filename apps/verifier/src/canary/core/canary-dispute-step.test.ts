import { describe, expect, it } from 'vitest';
import { canaryDisputeStep } from './canary-dispute-step';

describe('canaryDisputeStep', () => {
  it('prefers a planted step the stored challenge named, whose opening the node already stored', () => {
    expect(canaryDisputeStep({ plantedSteps: [3, 9, 20], drawn: [0, 3, 9, 20], challenge: { steps: [0, 9], byPasser: true } })).toEqual({ step: 9, opened: true });
  });

  it('holds a verifier that posted a short challenge, or none, to the beacon draw: the first drawn planted step, unopened', () => {
    expect(canaryDisputeStep({ plantedSteps: [3, 9, 20], drawn: [0, 9, 20], challenge: { steps: [0], byPasser: true } })).toEqual({ step: 9, opened: false });
    expect(canaryDisputeStep({ plantedSteps: [3, 9, 20], drawn: [0, 9, 20], challenge: undefined })).toEqual({ step: 9, opened: false });
  });

  it('counts a step the passing verifier challenged beyond the draw, but not one only another verifier challenged', () => {
    expect(canaryDisputeStep({ plantedSteps: [3], drawn: [0, 9], challenge: { steps: [3], byPasser: true } })).toEqual({ step: 3, opened: true });
    expect(canaryDisputeStep({ plantedSteps: [3], drawn: [0, 9], challenge: { steps: [3], byPasser: false } })).toBeUndefined();
  });

  it("is undefined when the draw and the verifier's challenge missed every planted step", () => {
    expect(canaryDisputeStep({ plantedSteps: [3, 5], drawn: [0, 9], challenge: { steps: [0, 9], byPasser: true } })).toBeUndefined();
  });
});
