import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address } from 'viem';
import { mapLeasesError } from '../../errors/leases-errors';
import { feeVaultAbi } from '../../generated/artifacts';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link buyback}. */
export interface BuybackParams {
  /** The FeeVault. */
  feeVault: Address;
  /** The held stablecoin to sell. */
  token: Address;
  /** How much of it, in base units. */
  amountIn: bigint;
  /** The least GRID the swap must deliver. */
  minOut: bigint;
}

/** Result of {@link buyback}. */
export type BuybackResult = TxOutcome & {
  /** GRID bought and burned. */
  gridOut: bigint;
};

/** Codes {@link buyback} throws. */
export type BuybackErrorCode = Extract<
  ErrorCode,
  'FORBIDDEN' | 'VALIDATION_FAILED' | 'UNAVAILABLE' | 'INSUFFICIENT_FUNDS' | 'SLIPPAGE' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'
>;

/**
 * Sells a stablecoin the FeeVault holds for GRID through its swap adapter and burns the GRID
 * (the wallet's account needs KEEPER_ROLE). Simulated first, so a refusal costs no gas.
 * @param clients - public and wallet clients of the chain
 * @param params - the vault, token, amount and minimum output
 * @returns the GRID burned and the transaction's outcome
 * @throws BaseError with a {@link BuybackErrorCode}
 */
export async function buyback(clients: TxClients, params: BuybackParams): Promise<BuybackResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.feeVault, abi: feeVaultAbi, functionName: 'buyback', args: [params.token, params.amountIn, params.minOut] }, 'Buyback');
    const [bought] = parseEventLogs({ abi: feeVaultAbi, eventName: 'BoughtBack', logs: receipt.logs });
    return { gridOut: bought?.args.gridOut ?? 0n, ...outcomeOf(receipt) };
  } catch (err) {
    throw mapLeasesError(err);
  }
}
