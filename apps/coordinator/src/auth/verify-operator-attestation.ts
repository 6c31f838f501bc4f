import { BaseError, OPERATOR_ATTESTATION_TYPES, requestDomain, type OperatorAttestation, type SigningDomain } from '@tensorgrid/protocol';
import { checkTimestamp } from './core/check-timestamp';
import { recoverTypedDataAddress } from 'viem';

/**
 * Checks that the operator named in an attestation signed, recently, that `worker` is one of
 * its workers on this network. The operator key signs afresh at each registration, so an
 * old attestation cannot be replayed.
 * @param attestation - the attestation from the registration body
 * @param context - the worker address, the signing domain, the clock and the tolerance
 * @returns the operator's lower-case address
 * @throws {BaseError} SIGNATURE_INVALID when the operator did not sign it for this worker; SIGNATURE_EXPIRED when it is stale
 */
export async function verifyOperatorAttestation(
  attestation: OperatorAttestation,
  context: { worker: string; domain: SigningDomain; nowMs: number; toleranceS: number },
): Promise<string> {
  const fresh = checkTimestamp(attestation.issuedAt, context.nowMs, context.toleranceS);
  if (fresh.kind === 'expired') {
    throw new BaseError('SIGNATURE_EXPIRED', `The operator attestation was signed ${fresh.skewS} s away from the coordinator's clock (limit ${context.toleranceS} s)`, {
      details: 'The operator key signs a fresh attestation at every registration; check the clock.',
    });
  }
  let recovered: string;
  try {
    recovered = await recoverTypedDataAddress({
      domain: requestDomain(context.domain),
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
