import { createTrainer, deriveJobSeed, lanesReduction, loadDataset, parseTrainingJob, train } from '@tensorgrid/tensor';
import { tinyJobSpec } from '@tensorgrid/test-utils';
import { openTransition, skippedStepsCheater } from '@tensorgrid/verification';
import { describe, expect, it } from 'vitest';
import { decideTolerantAudit, disputeVisibleAt, type TolerantAuditCase } from './decide-tolerant-audit';

const spec = tinyJobSpec({ seed: 'decide-tolerant-audit-test' });
const dataset = loadDataset({ spec: spec.training.dataset, split: 'train' });
const job = parseTrainingJob({ jobId: '1', jobSeed: deriveJobSeed('1', '22'.repeat(32)), spec: spec.training });
const trainer = createTrainer(job, dataset);
// The node trains on a non-canonical kernel (4-lane sums): its states are its own.
const nodeTrainer = createTrainer(job, dataset, { reduction: lanesReduction(4) });
const honest = train(nodeTrainer, { checkpointEvery: 10 });
const TAU = 0.01;
const STEP = 17;
const DISPUTED_AT = 1_000_000;
const WINDOW = 3_600;

const base = (over: Partial<TolerantAuditCase>): TolerantAuditCase => ({
  trainer, commitment: { root: honest.root, leafCount: honest.stepHashes.length }, step: STEP, tau: TAU,
  opening: openTransition(nodeTrainer, honest, STEP), openedAt: DISPUTED_AT + 60, disputedAt: DISPUTED_AT, now: DISPUTED_AT + 120, windowSeconds: WINDOW, outages: [], ...over,
});

describe('decideTolerantAudit', () => {
  it('rules for the node when its opening of the disputed step, stored in time, holds within τ', () => {
    const decided = decideTolerantAudit(base({}));
    expect(decided).toMatchObject({ kind: 'decided', decision: { nodeWrong: false, step: STEP, kind: null, rounds: 1 } });
  });

  it('convicts the node when its opening of a skipped step lands off the canonical step by more than τ', () => {
    const cheat = skippedStepsCheater({ trainer, dataset, fraction: 0.05, variant: 'no-op', seed: 'decide-tolerant-audit' });
    const step = cheat.fakeSteps[0]!;
    const decided = decideTolerantAudit(base({ commitment: { root: cheat.root, leafCount: cheat.leafCount }, step, opening: cheat.open(step) }));
    expect(decided).toMatchObject({ kind: 'decided', decision: { nodeWrong: true, step, kind: 'over-tolerance' } });
  });

  it('convicts the node when its opening does not open the committed leaves', () => {
    const opening = openTransition(nodeTrainer, honest, STEP);
    const decided = decideTolerantAudit(base({ opening: { ...opening, proof: opening.nextProof } }));
    expect(decided).toMatchObject({ kind: 'decided', decision: { nodeWrong: true, kind: 'bad-proof' } });
  });

  it('rules for the node on a step the job does not have, whatever the window: there is nothing to open', () => {
    for (const step of [trainer.totalSteps, trainer.totalSteps + 5, 2 ** 53]) {
      const decided = decideTolerantAudit(base({ step, opening: undefined, openedAt: undefined, now: DISPUTED_AT + 2 * WINDOW }));
      expect(decided).toMatchObject({ kind: 'decided', decision: { nodeWrong: false, step, kind: null, why: expect.stringContaining('has no transition') } });
    }
  });

  it('waits while the node may still open the step, and convicts it once the window is over without an opening in time', () => {
    expect(decideTolerantAudit(base({ opening: undefined, openedAt: undefined, now: DISPUTED_AT + WINDOW }))).toEqual({ kind: 'wait', until: DISPUTED_AT + WINDOW });
    const withheld = decideTolerantAudit(base({ opening: undefined, openedAt: undefined, now: DISPUTED_AT + WINDOW + 1 }));
    expect(withheld).toMatchObject({ kind: 'decided', decision: { nodeWrong: true, step: STEP, kind: 'withheld' } });
    // An opening stored after the window counts as none, even a valid one.
    const late = decideTolerantAudit(base({ openedAt: DISPUTED_AT + WINDOW + 1, now: DISPUTED_AT + WINDOW + 2 }));
    expect(late).toMatchObject({ kind: 'decided', decision: { nodeWrong: true, kind: 'withheld' } });
  });

  it('does not count the coordinator\'s outages: the window moves by the time it was down, through which the node could not open the step', () => {
    const outages = [{ from: DISPUTED_AT + 600, to: DISPUTED_AT + 1_500 }, { from: DISPUTED_AT - 50, to: DISPUTED_AT + 100 }];
    const until = DISPUTED_AT + WINDOW + 900 + 100;
    expect(decideTolerantAudit(base({ opening: undefined, openedAt: undefined, now: DISPUTED_AT + WINDOW + 1, outages }))).toEqual({ kind: 'wait', until });
    // Opened after the plain window but within the moved one: judged on the opening.
    expect(decideTolerantAudit(base({ openedAt: until, now: until + 1, outages }))).toMatchObject({ kind: 'decided', decision: { nodeWrong: false, kind: null } });
    const withheld = decideTolerantAudit(base({ opening: undefined, openedAt: undefined, now: until + 1, outages }));
    expect(withheld).toMatchObject({ kind: 'decided', decision: { nodeWrong: true, kind: 'withheld', why: expect.stringContaining('1000 s down in between not counted') } });
  });
});

describe('disputeVisibleAt', () => {
  const block = 1_700_000_000;
  it('starts the window when the coordinator\'s index first stored the dispute, when that is after its block (confirmations, a lagging index)', () => {
    expect(disputeVisibleAt(block, new Date((block + 90) * 1_000).toISOString())).toBe(block + 90);
    expect(disputeVisibleAt(block, new Date((block + 0.5) * 1_000).toISOString())).toBe(block + 0.5);
  });

  it('keeps the block time when the index stored it no later (clocks a little apart), or did not record when', () => {
    expect(disputeVisibleAt(block, new Date((block - 3) * 1_000).toISOString())).toBe(block);
    expect(disputeVisibleAt(block, null)).toBe(block);
  });
});
