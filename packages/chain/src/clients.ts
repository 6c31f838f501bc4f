import { BaseError } from '@tensorgrid/protocol';
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Chain,
  type Hex,
  type PrivateKeyAccount,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { withSerialSends, type SendLock } from './serial-sends';

/** Parameters of {@link createChainClients}. */
export interface CreateChainClientsParams {
  /** HTTP JSON-RPC endpoint. */
  rpcUrl: string;
  /** The chain id the endpoint serves. */
  chainId: number;
  /** A 32-byte hex private key; with it, a wallet client that signs locally is made too. */
  privateKey?: Hex;
  /** Or the local account itself (an agent that holds its key as an account). */
  account?: PrivateKeyAccount;
  /** How often to poll for blocks and receipts, in ms. Default viem's (4 s; 0.5 s–4 s by block time). */
  pollingIntervalMs?: number;
  /** Where other processes send from the same key (replicas): a lock across them, held for each send. */
  sendLock?: SendLock;
}

/** Read-only clients of one chain. */
export interface ChainClients {
  /** The chain definition (foundry's, with the given id and RPC URL). */
  chain: Chain;
  /** Reads state, simulates calls, waits for receipts. */
  publicClient: PublicClient<Transport, Chain>;
  /** Present when a private key was given. */
  walletClient?: WalletClient<Transport, Chain, PrivateKeyAccount>;
  /** The local account of the private key, when given. */
  account?: PrivateKeyAccount;
}

/** Clients of one chain that can also sign and send transactions. */
export interface WalletChainClients extends ChainClients {
  /** Signs locally with `account` and sends raw transactions, one at a time per account (`withSerialSends`). */
  walletClient: WalletClient<Transport, Chain, PrivateKeyAccount>;
  /** The local account of the private key. */
  account: PrivateKeyAccount;
}

/**
 * Makes viem clients for an EVM chain reached over HTTP (anvil on the devnet, any RPC in prod).
 * @param params - RPC URL, chain id, and optionally a private key (or account) and polling interval
 * @returns a public client, plus a wallet client and its account when a key or account was given
 * @throws BaseError KEY_INVALID when the private key is malformed
 */
export function createChainClients(params: CreateChainClientsParams & ({ privateKey: Hex } | { account: PrivateKeyAccount })): WalletChainClients;
export function createChainClients(params: CreateChainClientsParams): ChainClients;
export function createChainClients(params: CreateChainClientsParams): ChainClients {
  const chain = defineChain({
    ...foundry,
    id: params.chainId,
    name: params.chainId === foundry.id ? foundry.name : `Chain ${params.chainId}`,
    rpcUrls: { default: { http: [params.rpcUrl] } },
  });
  const transport = http(params.rpcUrl);
  const polling = params.pollingIntervalMs === undefined ? {} : { pollingInterval: params.pollingIntervalMs };
  const publicClient = createPublicClient({ chain, transport, ...polling });
  const account = params.account ?? (params.privateKey === undefined ? undefined : accountOf(params.privateKey));
  if (account === undefined) return { chain, publicClient };
  // Sends from one account go out one at a time, so that two in flight never take one nonce.
  const walletClient = withSerialSends(createWalletClient({ chain, transport, account, ...polling }), params.sendLock);
  return { chain, publicClient, walletClient, account };
}

function accountOf(privateKey: Hex): PrivateKeyAccount {
  try {
    return privateKeyToAccount(privateKey);
  } catch {
    // No cause: the underlying message may echo the key.
    throw new BaseError('KEY_INVALID', 'The private key is not a valid 32-byte hex secp256k1 key');
  }
}
