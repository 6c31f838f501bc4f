import { keccak256, parseAbi, toHex, type Address, type Hash } from 'viem';
import { sendContractTx, type TxClients } from '../tx-receipt';
import { mapChainError } from '../../errors/map-revert';

const accessControlAbi = parseAbi(['function grantRole(bytes32 role, address account)', 'error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)']);

/**
 * The id of an OpenZeppelin AccessControl role, as the contracts define it.
 * @param name - the role's name, e.g. "ORACLE_ROLE"
 */
export function roleId(name: string): Hash {
  return keccak256(toHex(name));
}

/** Parameters of {@link grantRole}. */
export interface GrantRoleParams {
  /** Any AccessControl contract. */
  contract: Address;
  /** The role's name, e.g. "ORACLE_ROLE". */
  role: string;
  account: Address;
}

/**
 * Grants a role on an AccessControl contract (the caller must hold the role's admin role)
 * and waits for the receipt.
 * @param clients - wallet clients of a role admin
 * @param params - contract, role name and account
 * @throws {BaseError} FORBIDDEN-like CHAIN_ERROR when the caller is not the role's admin
 */
export async function grantRole(clients: TxClients, params: GrantRoleParams): Promise<{ txHash: Hash }> {
  try {
    const receipt = await sendContractTx(clients, { address: params.contract, abi: accessControlAbi, functionName: 'grantRole', args: [roleId(params.role), params.account] }, `grantRole ${params.role}`);
    return { txHash: receipt.transactionHash };
  } catch (err) {
    throw mapChainError(err, accessControlAbi);
  }
}
