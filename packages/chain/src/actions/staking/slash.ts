import type { ErrorCode } from '@tensorgrid/protocol';
import { parseEventLogs, type Address, type Hex } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import { CHECKPOINT_GAS_HEADROOM } from '../checkpoint-gas';
import { outcomeOf, sendContractTx, type TxClients, type TxOutcome } from '../tx-receipt';

/** Parameters of {@link slash}. */
export interface SlashParams {
  /** The Staking contract. */
  staking: Address;
  /** The device. */
  device: Hex;
  /** The penalty in base units (at most the device's active plus pending stake is taken). */
  amount: bigint;
  /** A unique, non-zero hash of the evidence (bytes32). */
  evidence: Hex;
  /** The harmed party paid when the slash resolves; the zero address burns it. */
  beneficiary: Address;
}

/** Result of {@link slash}. */
export interface SlashResult extends TxOutcome {
  /** The pending slash. */
  slashId: bigint;
  /** What was actually taken (the penalty, capped by the device's stake). */
  amount: bigint;
  /** Until when it can be overturned (unix seconds). */
  appealDeadline: bigint;
}

/** Codes {@link slash} throws. */
export type SlashErrorCode = Extract<
  ErrorCode,
  'FORBIDDEN' | 'VALIDATION_FAILED' | 'INSUFFICIENT_STAKE' | 'ALREADY_SETTLED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'
>;

/**
 * Slashes a device (SLASHER_ROLE): takes the amount from its owner's and co-stakers' active
 * stakes and pending unstakes pro rata into a pending slash with an appeal window.
 * @param clients - public and wallet clients of the chain
 * @param params - the Staking contract, device, penalty, evidence and beneficiary
 * @returns the slash id, the amount taken, the appeal deadline and the transaction facts
 * @throws BaseError with a {@link SlashErrorCode}
 */
export async function slash(clients: TxClients, params: SlashParams): Promise<SlashResult> {
  try {
    // It checkpoints the owner and every co-stake it takes from: as much again as the estimate covers them all.
    const receipt = await sendContractTx(
      clients,
      { address: params.staking, abi: stakingAbi, functionName: 'slash', args: [params.device, params.amount, params.evidence, params.beneficiary] },
      { what: 'Staking.slash', extraGas: (estimate) => estimate + CHECKPOINT_GAS_HEADROOM },
    );
    const [event] = parseEventLogs({ abi: stakingAbi, eventName: 'Slashed', logs: receipt.logs });
    if (!event) throw new Error('slash emitted no Slashed event');
    return { ...outcomeOf(receipt), slashId: event.args.slashId, amount: event.args.amount, appealDeadline: BigInt(event.args.appealDeadline) };
  } catch (err) {
    throw mapStakingError(err);
  }
}
