import { createChainClients, type WalletChainClients } from '@tensorgrid/chain';
import { createReplicaMutex, type OpenedDatabase } from '@tensorgrid/db';
import type { Hex } from 'viem';

/**
 * The chain clients of the coordinator's oracle key, which posts reward and job-share roots and
 * registers stake. Replicas on one database all hold that key, so each send takes the key's
 * replica mutex (a PostgreSQL advisory lock; in-process on SQLite) besides this process's lane:
 * two replicas sending at once would otherwise take the same nonce.
 * @param params - RPC URL, chain id and the oracle's private key
 * @param db - the coordinator's database
 */
export function createOracleClients(params: { rpcUrl: string; chainId: number; oracleKey: Hex }, db: OpenedDatabase['db']): WalletChainClients {
  const mutex = createReplicaMutex(db);
  return createChainClients({ rpcUrl: params.rpcUrl, chainId: params.chainId, privateKey: params.oracleKey, sendLock: (name, fn) => mutex.withLock(name, fn) });
}
