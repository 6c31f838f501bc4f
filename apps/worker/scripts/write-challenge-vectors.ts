/**
 * Regenerates apps/worker/gpu/challenge_vectors.json from the TypeScript reference. Run it
 * only when a challenge's arithmetic changes on purpose; CI fails while the committed
 * vectors disagree with the reference.
 */
import { writeFileSync } from 'node:fs';
import { CHALLENGE_VECTORS_PATH, computeChallengeVectors } from '../src/challenges/challenge-vectors';

writeFileSync(CHALLENGE_VECTORS_PATH, `${JSON.stringify(computeChallengeVectors(), null, 2)}\n`);
console.log(`wrote ${CHALLENGE_VECTORS_PATH}`);
