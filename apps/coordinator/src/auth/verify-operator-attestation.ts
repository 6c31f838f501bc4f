import { BaseError, OPERATOR_ATTESTATION_TYPES, requestDomain, type OperatorAttestation } from '@tensorgrid/protocol';
import { recoverTypedDataAddress } from 'viem';

/**
 * Checks that the operator named in an attestation signed that `worker` is one of its workers.
 * @param attestation - the attestation from the registration body
 * @param context - the worker address and the chain id
 * @returns the operator's lower-case address
 * @throws {BaseError} SIGNATURE_INVALID when the operator did not sign it for this worker
 */
export async function verifyOperatorAttestation(attestation: OperatorAttestation, context: { worker: string; chainId: number }): Promise<string> {
  let recovered: string;
  try {
    recovered = await recoverTypedDataAddress({
      domain: requestDomain(context.chainId),
      types: OPERATOR_ATTESTATION_TYPES,
      primaryType: 'OperatorAttestation',
      message: { worker: context.worker as `0x${string}`, issuedAt: BigInt(attestation.issuedAt) },
      signature: attestation.signature as `0x${string}`,
    });
  } catch (cause) {
    throw new BaseError('SIGNATURE_INVALID', 'The operator attestation cannot be recovered', { cause });
  }
  if (recovered.toLowerCase() !== attestation.address.toLowerCase()) {
    throw new BaseError('SIGNATURE_INVALID', `The operator attestation was not signed by ${attestation.address} for worker ${context.worker}`, {
      details: 'The operator key must sign the attestation for this very worker address.',
    });
  }
  return recovered.toLowerCase();
}
