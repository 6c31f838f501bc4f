import type { Chain, PrivateKeyAccount, Transport, WalletClient } from 'viem';

/** Runs tasks one after another, each after the previous one settled. */
type Lane = <T>(task: () => Promise<T>) => Promise<T>;

/** One lane per account and chain in this process. */
const lanes = new Map<string, Lane>();

function laneOf(chainId: number, address: string): Lane {
  const key = `${chainId}:${address.toLowerCase()}`;
  let lane = lanes.get(key);
  if (!lane) {
    let tail: Promise<unknown> = Promise.resolve();
    lane = (task) => {
      const run = tail.then(task, task);
      tail = run.catch(() => undefined);
      return run;
    };
    lanes.set(key, lane);
  }
  return lane;
}

/**
 * A lock that holds across processes while `fn` runs (a `ReplicaMutex`'s `withLock`): for keys
 * that several processes send from, such as coordinator replicas sharing the oracle key.
 */
export type SendLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/**
 * The wallet client with its sends (`sendTransaction`, `writeContract`, `deployContract`) run
 * one at a time per account and chain across this process, and across processes too when given
 * a `sendLock` (taken inside this process's lane, named `chain.sends:<chainId>:<address>`).
 * viem picks each transaction's nonce from the node's pending count when it prepares it, so two
 * sends in flight at once from one account (a coordinator's reward poster and its staking
 * registrar, both with the oracle key, or two replicas) can take the same nonce, and one of
 * them fails. A send holds its turn until the node has accepted the transaction (the hash is
 * returned, not the receipt), so the next one counts it. Unlike a local nonce counter, a send
 * that fails before it reaches the node leaves no gap. It assumes the pending count comes from
 * one node (behind a load-balanced pool of nodes, two sends can still meet). Not covered:
 * viem's other send actions (`*Sync`, `sendCalls`), which nothing here uses.
 * @param walletClient - a wallet client with a local account
 * @param sendLock - the lock across processes, if other processes send from this key
 */
export function withSerialSends(walletClient: WalletClient<Transport, Chain, PrivateKeyAccount>, sendLock?: SendLock): WalletClient<Transport, Chain, PrivateKeyAccount> {
  const inProcess = laneOf(walletClient.chain.id, walletClient.account.address);
  const name = `chain.sends:${walletClient.chain.id}:${walletClient.account.address.toLowerCase()}`;
  const lane: Lane = sendLock ? (task) => inProcess(() => sendLock(name, task)) : inProcess;
  const { sendTransaction, writeContract, deployContract } = walletClient;
  return walletClient.extend(() => ({
    sendTransaction: ((args) => lane(() => sendTransaction(args))) as typeof sendTransaction,
    writeContract: ((args) => lane(() => writeContract(args))) as typeof writeContract,
    deployContract: ((args) => lane(() => deployContract(args))) as typeof deployContract,
  })) as WalletClient<Transport, Chain, PrivateKeyAccount>;
}
