import { BaseError, isBaseError } from '@tensorgrid/protocol';
import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  ExecutionRevertedError,
  HttpRequestError,
  InsufficientFundsError,
  TimeoutError,
  WaitForTransactionReceiptTimeoutError,
  WebSocketRequestError,
} from 'viem';

/**
 * Turns anything a viem call threw into Tensorgrid's BaseError, matched on `code`:
 * - a contract revert → `CHAIN_ERROR` (not retryable) with `data.errorName` and `data.args`
 *   (bigints as decimal strings, so the error can go on the wire), or `data.reason` for
 *   `require` strings and panics, or `data.signature` for an error not in the ABI;
 * - the RPC could not be reached (HTTP or WebSocket failure) → `NETWORK_ERROR` (retryable);
 * - a request or receipt wait timed out → `TIMEOUT` (retryable);
 * - anything else from the chain → `CHAIN_ERROR`.
 * A BaseError passes through unchanged.
 * @param err - whatever was thrown
 * @returns the mapped error, with the original as `cause`
 */
export function mapChainError(err: unknown): BaseError {
  if (isBaseError(err)) return err;
  if (!(err instanceof ViemBaseError)) {
    const message = err instanceof Error ? err.message : String(err);
    return new BaseError('CHAIN_ERROR', `Chain call failed: ${message}`, { cause: err });
  }

  const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    const errorName = reverted.data?.errorName;
    const args = toJsonSafe(reverted.data?.args ?? []) as unknown[];
    const data: Record<string, unknown> = { errorName, args };
    if (reverted.reason !== undefined) data.reason = reverted.reason;
    if (reverted.signature !== undefined) data.signature = reverted.signature;
    const what = errorName !== undefined && errorName !== 'Error' && errorName !== 'Panic'
      ? `${errorName}(${args.map(String).join(', ')})`
      : (reverted.reason ?? reverted.signature ?? 'no reason given');
    return new BaseError('CHAIN_ERROR', `Contract reverted: ${what}`, { data, cause: err, retryable: false });
  }

  const executionReverted = err.walk((e) => e instanceof ExecutionRevertedError);
  if (executionReverted instanceof ExecutionRevertedError) {
    return new BaseError('CHAIN_ERROR', `Transaction reverted: ${executionReverted.shortMessage}`, {
      data: { errorName: undefined, args: [], reason: executionReverted.details },
      cause: err,
      retryable: false,
    });
  }

  if (err.walk((e) => e instanceof InsufficientFundsError) instanceof InsufficientFundsError) {
    return new BaseError('CHAIN_ERROR', 'The sender has too little native currency for gas and value', {
      data: { viemError: 'InsufficientFundsError' },
      cause: err,
      retryable: false,
    });
  }

  const network = err.walk((e) => e instanceof HttpRequestError || e instanceof WebSocketRequestError);
  if (network instanceof HttpRequestError || network instanceof WebSocketRequestError) {
    const url = network instanceof HttpRequestError ? network.url : undefined;
    return new BaseError('NETWORK_ERROR', `Chain RPC unreachable: ${network.shortMessage}`, {
      data: { viemError: network.name, ...(url === undefined ? {} : { url }) },
      cause: err,
    });
  }

  const timeout = err.walk((e) => e instanceof TimeoutError || e instanceof WaitForTransactionReceiptTimeoutError);
  if (timeout instanceof ViemBaseError) {
    return new BaseError('TIMEOUT', `Chain request timed out: ${timeout.shortMessage}`, { data: { viemError: timeout.name }, cause: err });
  }

  return new BaseError('CHAIN_ERROR', `Chain call failed: ${err.shortMessage}`, { data: { viemError: err.name }, cause: err });
}

function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  return value;
}
