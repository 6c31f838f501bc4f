import { beforeAll, describe, expect, it } from 'vitest';
import { honestSetup } from '../../test/jobs';
import { fabricateStates, publishStates } from '../adversaries/fabricate-states';
import { skippedStepsCheater } from '../adversaries/skipped-steps';
import { refereeStep } from '../referee/referee-step';
import { auditRun } from './audit-run';
import { stepHashTree } from './step-hash-tree';

let h: ReturnType<typeof honestSetup>;
beforeAll(() => {
  h = honestSetup();
});

function treeOf(commitment: { root: string; leafCount: number }, hashes: readonly string[]) {
  const built = stepHashTree(commitment, hashes);
  if (!('tree' in built)) throw new Error(`leaves refused: ${built.failure.detail}`);
  return built.tree;
}

describe('stepHashTree (published leaves)', () => {
  it('accepts the committed leaves and refuses missing, short or altered ones as leaves-withheld at leaf T', () => {
    const { root, leafCount } = h.publication;
    expect(treeOf(h.publication, h.run.stepHashes).leafCount).toBe(leafCount);
    const refused = (hashes: string[] | undefined) => {
      const built = stepHashTree({ root, leafCount }, hashes);
      return 'failure' in built ? built.failure : undefined;
    };
    expect(refused(undefined)).toMatchObject({ step: 128, kind: 'leaves-withheld', detail: 'the node did not publish its step hashes' });
    expect(refused(h.run.stepHashes.slice(1))).toMatchObject({ kind: 'leaves-withheld', detail: '128 step hashes published, 129 committed' });
    const altered = h.run.stepHashes.slice();
    altered[40] = 'ee'.repeat(32);
    expect(refused(altered)).toMatchObject({ kind: 'leaves-withheld', detail: 'the published step hashes do not hash to the committed root' });
  });
});

describe('auditRun (a whistleblower replays the whole job)', () => {
  it('finds an honest run consistent, replaying every step', () => {
    const seen: number[] = [];
    const result = auditRun({ trainer: h.trainer, commitment: h.publication, hashes: h.run.stepHashes, tree: treeOf(h.publication, h.run.stepHashes), onStep: (t) => seen.push(t) });
    expect(result).toEqual({ kind: 'consistent', steps: 128 });
    expect(seen).toHaveLength(128);
    expect(seen.at(-1)).toBe(128);
  });

  it('names the first skipped step and builds an opening the referee rules on against the node', () => {
    const cheat = skippedStepsCheater({ trainer: h.trainer, dataset: h.dataset, fraction: 0.02, variant: 'no-op', seed: 'audit' });
    const result = auditRun({ trainer: h.trainer, commitment: cheat, hashes: cheat.stepHashes, tree: treeOf(cheat, cheat.stepHashes) });
    expect(result).toMatchObject({ kind: 'diverges', step: cheat.fakeSteps[0] });
    if (result.kind !== 'diverges') return;
    // The auditor's W_t is its own replay, yet it opens the node's h_t: the referee's one step convicts.
    expect(result.opening.hash).toBe(cheat.stepHashes[result.step]);
    expect(refereeStep({ trainer: h.trainer, commitment: cheat, t: result.step, opening: result.opening })).toMatchObject({
      nodeWrong: true, rounds: 1, failure: { kind: 'wrong-transition', step: result.step },
    });
  });

  it('reports a wrong W_0 without replaying', () => {
    const states = fabricateStates(h.trainer, (s) => h.trainer.step(s));
    const pub = publishStates(h.trainer, states, { leafOverrides: new Map([[0, 'ab'.repeat(32)]]) });
    let steps = 0;
    expect(auditRun({ trainer: h.trainer, commitment: pub, hashes: pub.stepHashes, tree: treeOf(pub, pub.stepHashes), onStep: () => steps++ })).toEqual({ kind: 'wrong-init' });
    expect(steps).toBe(0);
  });
});
