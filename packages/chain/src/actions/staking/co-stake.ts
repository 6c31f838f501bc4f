import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { approveStakingToken } from './approve-staking-token';
import { STAKE_CHECKPOINTS_GAS_HEADROOM } from '../checkpoint-gas';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link coStake}. */
export interface CoStakeParams {
  /** The Staking contract. */
  staking: Address;
  /** The device. */
  device: Hex;
  /** The amount of GRID, in base units. */
  amount: bigint;
  /** Approve Staking for `amount` first (one more transaction). Default false: approve beforehand. */
  approve?: boolean;
}

/** Result of {@link coStake}. */
export type CoStakeResult = TxOutcome;

/** Codes {@link coStake} throws. */
export type CoStakeErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'DEVICE_NOT_FOUND' | 'VALIDATION_FAILED' | 'STAKE_BELOW_MINIMUM' | 'CO_STAKE_CLOSED' | 'CO_STAKERS_FULL' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Co-stakes on a device while its owner's offer is open (anyone but the owner); the co-stake must reach the least co-stake and a new co-staker needs a free slot.
 * @param clients - public and wallet clients of the chain (the wallet's account stakes)
 * @param params - the Staking contract, the device, the amount, and whether to approve first
 * @returns the transaction hash, block number and gas used (of the coStake transaction)
 * @throws BaseError with a {@link CoStakeErrorCode}
 */
export async function coStake(clients: TxClients, params: CoStakeParams): Promise<CoStakeResult> {
  try {
    if (params.approve === true) await approveStakingToken(clients, params.staking, params.amount);
    const receipt = await sendContractTx(clients, { address: params.staking, abi: stakingAbi, functionName: 'coStake', args: [params.device, params.amount] }, { what: 'Staking.coStake', extraGas: () => STAKE_CHECKPOINTS_GAS_HEADROOM });
    return outcomeOf(receipt);
  } catch (err) {
    throw mapStakingError(err);
  }
}
