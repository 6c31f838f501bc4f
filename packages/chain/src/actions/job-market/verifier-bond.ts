import type { Address } from 'viem';
import { jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from '../../errors/job-market-errors';
import { ensureAllowance, eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link bondVerifier} and {@link unbondVerifier}. */
export interface VerifierBondParams {
  /** The JobMarket contract. */
  address: Address;
  /** GRID base units to add or withdraw (positive). */
  amount: bigint;
}

/** A verifier's bond and the part of it open verdicts lock (GRID base units). */
export interface VerifierBond {
  bond: bigint;
  locked: bigint;
}

/** Codes the verifier-bond actions throw. */
export type VerifierBondErrorCode = JobMarketErrorCode;

/**
 * Adds to the wallet account's verifier bond, approving the market first when the allowance is
 * short. Each verdict locks the market's `verifierBond` of it until the job closes.
 * @param clients - public and wallet clients of the chain
 * @param params - the market and amount
 * @returns the new bond and the transaction
 * @throws BaseError VALIDATION_FAILED (zero), INSUFFICIENT_FUNDS, CHAIN_ERROR
 */
export async function bondVerifier(clients: TxClients, params: VerifierBondParams): Promise<TxOutcome & { bond: bigint }> {
  await ensureAllowance(clients, params.address, params.amount);
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'bondVerifier', args: [params.amount] });
  return { ...tx, bond: eventOf(logs, 'VerifierBonded').args.bond };
}

/**
 * Withdraws free (unlocked) verifier bond to the wallet's account.
 * @param clients - public and wallet clients of the chain
 * @param params - the market and amount
 * @returns the bond left and the transaction
 * @throws BaseError VALIDATION_FAILED (zero), INSUFFICIENT_STAKE (more than the free bond), CHAIN_ERROR
 */
export async function unbondVerifier(clients: TxClients, params: VerifierBondParams): Promise<TxOutcome & { bond: bigint }> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'unbondVerifier', args: [params.amount] });
  return { ...tx, bond: eventOf(logs, 'VerifierUnbonded').args.bond };
}

/**
 * Reads a verifier's bond and locked part.
 * @param clients - a public client of the chain
 * @param params - the market and the verifier
 * @throws BaseError CHAIN_ERROR, NETWORK_ERROR
 */
export async function readVerifierBond(clients: Pick<TxClients, 'publicClient'>, params: { address: Address; verifier: Address }): Promise<VerifierBond> {
  try {
    const [bond, locked] = await clients.publicClient.readContract({ address: params.address, abi: jobMarketCallAbi, functionName: 'verifierBondOf', args: [params.verifier] });
    return { bond, locked };
  } catch (err) {
    throw mapJobMarketError(err);
  }
}
