import { describe, expect, it } from 'vitest';
import { isErrorCode } from '@tensorgrid/protocol';
import { proofRegistryAbi, rewardsAbi } from '../generated/artifacts';
import { PROOF_REGISTRY_ERROR_CODES, REWARDS_ERROR_CODES } from './rewards-errors';

const customErrors = (abi: readonly { type: string; name?: string }[], prefix: string): string[] =>
  abi.filter((item) => item.type === 'error' && item.name?.startsWith(prefix)).map((item) => item.name as string);

describe('revert → error code tables', () => {
  it('cover every custom error of Rewards and ProofRegistry with a known code', () => {
    expect(Object.keys(REWARDS_ERROR_CODES).filter((n) => n.startsWith('Rewards')).sort()).toEqual(customErrors(rewardsAbi, 'Rewards').sort());
    expect(Object.keys(PROOF_REGISTRY_ERROR_CODES).filter((n) => n.startsWith('ProofRegistry')).sort()).toEqual(customErrors(proofRegistryAbi, 'ProofRegistry').sort());
    for (const code of [...Object.values(REWARDS_ERROR_CODES), ...Object.values(PROOF_REGISTRY_ERROR_CODES)]) expect(isErrorCode(code)).toBe(true);
  });
});
