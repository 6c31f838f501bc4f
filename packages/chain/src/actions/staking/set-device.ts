import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { DEVICE_RECORD_GAS_HEADROOM } from '../checkpoint-gas';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link setDevice}. */
export interface SetDeviceParams {
  /** The Staking contract. */
  staking: Address;
  /** The device id (`bytes32(uint256(uint160(worker)))`). */
  device: Hex;
  /** The device's owner: its operator or the worker itself. */
  owner: Address;
  /** The hardware class (bytes32). */
  hardwareClass: Hex;
}

/** Result of {@link setDevice}. */
export type SetDeviceResult = TxOutcome;

/** Codes {@link setDevice} throws. */
export type SetDeviceErrorCode = Extract<ErrorCode, 'FORBIDDEN' | 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Records a device's owner and hardware class (REGISTRAR_ROLE). A new owner takes over: the previous owner's stake stays as its co-stake, and an open offer closes.
 * @param clients - public and wallet clients of the chain (the wallet's account sends)
 * @param params - the Staking contract and the call's arguments
 * @returns the transaction hash, block number and gas used
 * @throws BaseError with a {@link SetDeviceErrorCode}
 */
export async function setDevice(clients: TxClients, params: SetDeviceParams): Promise<SetDeviceResult> {
  try {
    const receipt = await sendContractTx(clients, { address: params.staking, abi: stakingAbi, functionName: 'setDevice', args: [params.device, params.owner, params.hardwareClass] }, { what: 'Staking.setDevice', extraGas: () => DEVICE_RECORD_GAS_HEADROOM });
    return outcomeOf(receipt);
  } catch (err) {
    throw mapStakingError(err);
  }
}
