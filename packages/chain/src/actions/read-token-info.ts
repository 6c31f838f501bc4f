import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Chain, PublicClient, Transport } from 'viem';
import { mapChainError } from '../errors/map-revert';
import { gridTokenAbi } from '../generated/artifacts';

/** Parameters of {@link readTokenInfo}. */
export interface ReadTokenInfoParams {
  /** The GridToken contract. */
  address: Address;
}

/** Result of {@link readTokenInfo}. */
export interface ReadTokenInfoResult {
  /** `Tensorgrid` for GridToken. */
  name: string;
  /** `GRID` for GridToken. */
  symbol: string;
  /** 18 for GridToken. */
  decimals: number;
  /** In base units. */
  totalSupply: bigint;
  /** The supply cap, in base units. */
  cap: bigint;
}

/** Codes {@link readTokenInfo} throws. */
export type ReadTokenInfoErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Reads GridToken's metadata and supply in parallel.
 * @param publicClient - a client of the chain
 * @param params - the token's address
 * @returns name, symbol, decimals, total supply and cap
 * @throws BaseError with a {@link ReadTokenInfoErrorCode}
 */
export async function readTokenInfo(publicClient: PublicClient<Transport, Chain>, params: ReadTokenInfoParams): Promise<ReadTokenInfoResult> {
  const token = { address: params.address, abi: gridTokenAbi } as const;
  try {
    const [name, symbol, decimals, totalSupply, cap] = await Promise.all([
      publicClient.readContract({ ...token, functionName: 'name' }),
      publicClient.readContract({ ...token, functionName: 'symbol' }),
      publicClient.readContract({ ...token, functionName: 'decimals' }),
      publicClient.readContract({ ...token, functionName: 'totalSupply' }),
      publicClient.readContract({ ...token, functionName: 'cap' }),
    ]);
    return { name, symbol, decimals, totalSupply, cap };
  } catch (err) {
    throw mapChainError(err, gridTokenAbi);
  }
}
