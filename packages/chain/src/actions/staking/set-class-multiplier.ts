import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { CHECKPOINT_GAS_HEADROOM } from '../checkpoint-gas';
import { outcomeOf, sendContractTx, type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link setClassMultiplier}. */
export interface SetClassMultiplierParams {
  /** The Staking contract. */
  staking: Address;
  /** The hardware class (bytes32). */
  hardwareClass: Hex;
  /** The multiplier in basis points (below 10,000 counts as 1×). */
  multiplierBps: number;
}

/** Result of {@link setClassMultiplier}. */
export type SetClassMultiplierResult = TxOutcome;

/** Codes {@link setClassMultiplier} throws. */
export type SetClassMultiplierErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Sets a hardware class's minimum-stake multiplier in basis points (MULTIPLIER_ROLE).
 * @param clients - public and wallet clients of the chain (the wallet's account sends)
 * @param params - the Staking contract and the call's arguments
 * @returns the transaction hash, block number and gas used
 * @throws BaseError with a {@link SetClassMultiplierErrorCode}
 */
export async function setClassMultiplier(clients: TxClients, params: SetClassMultiplierParams): Promise<SetClassMultiplierResult> {
  try {
    // The multiplier is checkpointed (for minimumStakeAt): headroom as for a stake checkpoint.
    const receipt = await sendContractTx(clients, { address: params.staking, abi: stakingAbi, functionName: 'setClassMultiplier', args: [params.hardwareClass, params.multiplierBps] }, { what: 'Staking.setClassMultiplier', extraGas: () => CHECKPOINT_GAS_HEADROOM });
    return outcomeOf(receipt);
  } catch (err) {
    throw mapStakingError(err);
  }
}
