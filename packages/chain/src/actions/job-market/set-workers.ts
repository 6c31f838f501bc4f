import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link setWorkers}. */
export interface SetWorkersParams {
  /** The JobMarket contract. */
  address: Address;
  /** The node's account. */
  node: Address;
  /** How many jobs it may run at once (its attached workers). */
  workers: number;
}

/** Result of {@link setWorkers}. */
export type SetWorkersResult = TxOutcome;

/** Codes {@link setWorkers} throws. */
export type SetWorkersErrorCode = JobMarketErrorCode;

/**
 * Sets a node's worker count as the oracle (ORACLE_ROLE). Lowering it below the jobs the node
 * runs stops new accepts only; running jobs continue.
 * @param clients - public and wallet clients of the chain
 * @param params - the market, node and worker count
 * @returns the transaction
 * @throws BaseError FORBIDDEN (no ORACLE_ROLE), VALIDATION_FAILED (zero address), CHAIN_ERROR
 */
export async function setWorkers(clients: TxClients, params: SetWorkersParams): Promise<SetWorkersResult> {
  const { logs: _logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'setWorkers', args: [params.node, params.workers] });
  return tx;
}
