import { OPERATOR_ATTESTATION_TYPES, operatorAttestationSchema, requestDomain, type OperatorAttestation } from '@tensorgrid/protocol';
import { recoverTypedDataAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { signOperatorAttestation } from './sign-operator-attestation';

// anvil's first two well-known development keys
const operator = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const worker = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d').address;

const NETWORK = `0x${'ab'.repeat(32)}` as const;

function recoverOperator(attestation: OperatorAttestation, signed: { worker: `0x${string}`; chainId: number }) {
  return recoverTypedDataAddress({
    domain: requestDomain({ chainId: signed.chainId, networkId: NETWORK }),
    types: OPERATOR_ATTESTATION_TYPES,
    primaryType: 'OperatorAttestation',
    message: { worker: signed.worker, issuedAt: BigInt(attestation.issuedAt) },
    signature: attestation.signature as `0x${string}`,
  });
}

describe('signOperatorAttestation', () => {
  it('names the operator and the signing time, in the wire shape', async () => {
    const attestation = await signOperatorAttestation(operator, { worker, domain: { chainId: 31337, networkId: NETWORK }, issuedAt: 1_700_000_000 });
    expect(attestation.address).toBe(operator.address);
    expect(attestation.issuedAt).toBe(1_700_000_000);
    expect(operatorAttestationSchema.safeParse(attestation).success).toBe(true);
  });

  it('recovers to the operator over the worker and chain it was signed for', async () => {
    const attestation = await signOperatorAttestation(operator, { worker, domain: { chainId: 31337, networkId: NETWORK }, issuedAt: 1_700_000_000 });
    expect(await recoverOperator(attestation, { worker, chainId: 31337 })).toBe(operator.address);
  });

  it('binds the worker and the chain id', async () => {
    const attestation = await signOperatorAttestation(operator, { worker, domain: { chainId: 31337, networkId: NETWORK }, issuedAt: 1_700_000_000 });
    expect(await recoverOperator(attestation, { worker: operator.address, chainId: 31337 })).not.toBe(operator.address);
    expect(await recoverOperator(attestation, { worker, chainId: 1 })).not.toBe(operator.address);
  });

  it('is deterministic for a fixed signing time', async () => {
    const a = await signOperatorAttestation(operator, { worker, domain: { chainId: 31337, networkId: NETWORK }, issuedAt: 1_700_000_000 });
    const b = await signOperatorAttestation(operator, { worker, domain: { chainId: 31337, networkId: NETWORK }, issuedAt: 1_700_000_000 });
    expect(a).toEqual(b);
  });

  it('defaults the signing time to now', async () => {
    const before = Math.floor(Date.now() / 1000);
    const attestation = await signOperatorAttestation(operator, { worker, domain: { chainId: 31337, networkId: NETWORK } });
    const after = Math.floor(Date.now() / 1000);
    expect(attestation.issuedAt).toBeGreaterThanOrEqual(before);
    expect(attestation.issuedAt).toBeLessThanOrEqual(after);
    expect(await recoverOperator(attestation, { worker, chainId: 31337 })).toBe(operator.address);
  });
});
