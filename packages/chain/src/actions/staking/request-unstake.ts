import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address, type Hex } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { STAKE_CHECKPOINTS_GAS_HEADROOM } from '../checkpoint-gas';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link requestUnstake}. */
export interface RequestUnstakeParams {
  /** The Staking contract. */
  staking: Address;
  /** The device. */
  device: Hex;
  /** How much of the account's active stake (owner stake or co-stake) to unstake, in base units. */
  amount: bigint;
}

/** Result of {@link requestUnstake}. */
export interface RequestUnstakeResult extends TxOutcome {
  /** The request holding the amount (an open request of the account on the device is reused). */
  requestId: bigint;
  /** What the request now holds. */
  requestAmount: bigint;
  /** When it can be withdrawn (unix seconds). */
  unlocksAt: bigint;
}

/** Codes {@link requestUnstake} throws. */
export type RequestUnstakeErrorCode = Extract<ErrorCode, 'VALIDATION_FAILED' | 'INSUFFICIENT_STAKE' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Moves part of the wallet account's active stake on a device into an unstake request
 * (cooldown 14 days by default; a second request adds to the open one and restarts it). The
 * amount stops counting at once and stays slashable until withdrawn.
 * @param clients - public and wallet clients of the chain
 * @param params - the Staking contract, the device and the amount
 * @returns the request id, its amount and unlock time, and the transaction facts
 * @throws BaseError with a {@link RequestUnstakeErrorCode}
 */
export async function requestUnstake(clients: TxClients, params: RequestUnstakeParams): Promise<RequestUnstakeResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.staking, abi: stakingAbi, functionName: 'requestUnstake', args: [params.device, params.amount] }, { what: 'Staking.requestUnstake', extraGas: () => STAKE_CHECKPOINTS_GAS_HEADROOM });
    const [event] = parseEventLogs({ abi: stakingAbi, eventName: 'UnstakeRequested', logs: receipt.logs });
    if (!event) throw new Error('requestUnstake emitted no UnstakeRequested event');
    return { ...outcomeOf(receipt), requestId: event.args.requestId, requestAmount: event.args.requestAmount, unlocksAt: BigInt(event.args.unlocksAt) };
  } catch (err) {
    throw mapStakingError(err);
  }
}
