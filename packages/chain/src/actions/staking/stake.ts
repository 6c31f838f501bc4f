import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { approveStakingToken } from './approve-staking-token';
import { STAKE_CHECKPOINTS_GAS_HEADROOM } from '../checkpoint-gas';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link stake}. */
export interface StakeParams {
  /** The Staking contract. */
  staking: Address;
  /** The device. */
  device: Hex;
  /** The amount of GRID, in base units. */
  amount: bigint;
  /** Approve Staking for `amount` first (one more transaction). Default false: approve beforehand. */
  approve?: boolean;
}

/** Result of {@link stake}. */
export type StakeResult = TxOutcome;

/** Codes {@link stake} throws. */
export type StakeErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'DEVICE_NOT_FOUND' | 'VALIDATION_FAILED' | 'STAKE_BELOW_MINIMUM' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Adds to the owner's stake on a device (the owner only); the device's active stake must reach its minimum after it.
 * @param clients - public and wallet clients of the chain (the wallet's account stakes)
 * @param params - the Staking contract, the device, the amount, and whether to approve first
 * @returns the transaction hash, block number and gas used (of the stake transaction)
 * @throws BaseError with a {@link StakeErrorCode}
 */
export async function stake(clients: TxClients, params: StakeParams): Promise<StakeResult> {
  try {
    if (params.approve === true) await approveStakingToken(clients, params.staking, params.amount);
    const receipt = await sendContractTx(clients, { address: params.staking, abi: stakingAbi, functionName: 'stake', args: [params.device, params.amount] }, { what: 'Staking.stake', extraGas: () => STAKE_CHECKPOINTS_GAS_HEADROOM });
    return outcomeOf(receipt);
  } catch (err) {
    throw mapStakingError(err);
  }
}
