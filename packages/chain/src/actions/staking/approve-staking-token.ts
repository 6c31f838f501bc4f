import { erc20Abi, type Address } from 'viem';
import { stakingAbi } from '../../generated/artifacts';
import { waitForSuccess, type TxClients } from '../tx-receipt';

/**
 * Approves Staking to pull `amount` of its token from the wallet's account, and waits.
 * @param clients - public and wallet clients of the chain
 * @param staking - the Staking contract (its `token()` is approved)
 * @param amount - the allowance, in base units
 */
export async function approveStakingToken(clients: TxClients, staking: Address, amount: bigint): Promise<void> {
  const token = await clients.publicClient.readContract({ address: staking, abi: stakingAbi, functionName: 'token' });
  const txHash = await clients.walletClient.writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [staking, amount], account: clients.walletClient.account!, chain: clients.walletClient.chain });
  await waitForSuccess(clients, txHash, 'Staking token approval');
}
