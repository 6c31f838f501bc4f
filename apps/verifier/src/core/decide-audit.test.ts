import { createTrainer, deriveJobSeed, loadDataset, parseTrainingJob, train } from '@tensorgrid/tensor';
import { tinyJobSpec } from '@tensorgrid/test-utils';
import { auditRun, openTransition, skippedStepsCheater, stepHashTree, type AuditResult } from '@tensorgrid/verification';
import { describe, expect, it } from 'vitest';
import { decideAudit } from './decide-audit';

const spec = tinyJobSpec({ seed: 'decide-audit-test', lr: 0.05 });
const dataset = loadDataset({ spec: spec.training.dataset, split: 'train' });
const trainer = createTrainer(parseTrainingJob({ jobId: '1', jobSeed: deriveJobSeed('1', '11'.repeat(32)), spec: spec.training }), dataset);
const honest = train(trainer, { checkpointEvery: 10 });
const cheat = skippedStepsCheater({ trainer, dataset, fraction: 0.05, variant: 'no-op', seed: 'decide-audit' });
const commitment = { root: cheat.root, leafCount: cheat.leafCount };

function audited(): Extract<AuditResult, { kind: 'diverges' }> {
  const built = stepHashTree(commitment, cheat.stepHashes);
  if (!('tree' in built)) throw new Error('the cheater\'s leaves are its committed ones');
  const result = auditRun({ trainer, commitment, hashes: cheat.stepHashes, tree: built.tree });
  if (result.kind !== 'diverges') throw new Error(`expected a divergence, got ${result.kind}`);
  return result;
}

describe('decideAudit', () => {
  it('convicts the node when the whistleblower\'s opening of an unchallenged skipped step replays off h_{t+1}', () => {
    const { step, opening } = audited();
    expect(step).toBe(cheat.fakeSteps[0]);
    expect(decideAudit({ trainer, commitment, step, opening })).toMatchObject({ nodeWrong: true, step, kind: 'wrong-transition', rounds: 1 });
  });

  it('rules for the node when the step replays, the opening is missing or opens another step', () => {
    const honestCommitment = { root: honest.root, leafCount: honest.stepHashes.length };
    expect(decideAudit({ trainer, commitment: honestCommitment, step: 20, opening: openTransition(trainer, honest, 20) })).toMatchObject({ nodeWrong: false, why: 'step 20 replays to the committed hash' });
    const { step, opening } = audited();
    expect(decideAudit({ trainer, commitment, step, opening: undefined })).toMatchObject({ nodeWrong: false, why: `the whistleblower stored no opening of step ${step}` });
    // W_t of the right step but proofs for the leaves of another: the opening does not open h_t.
    const wrong = { ...opening, proof: opening.nextProof };
    expect(decideAudit({ trainer, commitment, step, opening: wrong })).toMatchObject({ nodeWrong: false, kind: null });
    expect(decideAudit({ trainer, commitment, step, opening: wrong }).why).toMatch(/opening of step \d+ is invalid: bad-proof/);
  });

  it('rests on the node\'s own opening of the step when the whistleblower stored none: a failing one convicts the node', () => {
    const { step, opening } = audited();
    // The node opened the step itself (a challenge of an earlier round drew it): the same W_t it committed.
    expect(decideAudit({ trainer, commitment, step, opening: undefined, nodeOpening: opening })).toMatchObject({ nodeWrong: true, step, kind: 'wrong-transition' });
    const wrong = { ...opening, proof: opening.nextProof };
    expect(decideAudit({ trainer, commitment, step, opening: undefined, nodeOpening: wrong })).toMatchObject({ nodeWrong: true, kind: 'bad-proof' });
    const honestCommitment = { root: honest.root, leafCount: honest.stepHashes.length };
    expect(decideAudit({ trainer, commitment: honestCommitment, step: 20, opening: undefined, nodeOpening: openTransition(trainer, honest, 20) })).toMatchObject({ nodeWrong: false });
  });

  it('convicts a node whose published h_0 is not the seed-drawn init at step 0 with no opening (nobody else can open its W_0); a right h_0 decides nothing', () => {
    const honestCommitment = { root: honest.root, leafCount: honest.stepHashes.length };
    expect(decideAudit({ trainer, commitment: honestCommitment, step: 0, opening: undefined, publishedInitialHash: 'ab'.repeat(32) })).toMatchObject({ nodeWrong: true, step: 0, kind: 'wrong-init' });
    expect(decideAudit({ trainer, commitment: honestCommitment, step: 0, opening: undefined, publishedInitialHash: honest.stepHashes[0] })).toMatchObject({ nodeWrong: false, why: 'the whistleblower stored no opening of step 0' });
    // Only step 0 is judged on h_0.
    expect(decideAudit({ trainer, commitment: honestCommitment, step: 1, opening: undefined, publishedInitialHash: 'ab'.repeat(32) })).toMatchObject({ nodeWrong: false });
  });
});
