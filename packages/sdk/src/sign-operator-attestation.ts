import { OPERATOR_ATTESTATION_TYPES, requestDomain, type OperatorAttestation, type SigningDomain } from '@tensorgrid/protocol';
import type { LocalAccount } from 'viem';

/**
 * The operator ("master") key attests that a worker key is one of its workers. The
 * attestation travels in the worker's registration.
 * @param operator - the operator's key, given explicitly by configuration
 * @param params - the worker's address, the signing domain and the signing time (unix seconds, default now)
 */
export async function signOperatorAttestation(
  operator: LocalAccount,
  params: { worker: `0x${string}`; domain: SigningDomain; issuedAt?: number },
): Promise<OperatorAttestation> {
  const issuedAt = params.issuedAt ?? Math.floor(Date.now() / 1000);
  const signature = await operator.signTypedData({
    domain: requestDomain(params.domain),
    types: OPERATOR_ATTESTATION_TYPES,
    primaryType: 'OperatorAttestation',
    message: { worker: params.worker, issuedAt: BigInt(issuedAt) },
  });
  return { address: operator.address, issuedAt, signature };
}
