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
  decodeErrorResult,
  type Abi,
  type Hex,
} from 'viem';

/**
 * Turns anything a viem call threw into Tensorgrid's BaseError, matched on `code`:
 * - a contract revert → `CHAIN_ERROR` (not retryable) with `data.errorName` and `data.args`
 *   (bigints as decimal strings, so the error can go on the wire), or `data.reason` for
 *   `require` strings and panics, and `data.signature` (the 4-byte selector) when the error
 *   is in no ABI given;
 * - the RPC could not be reached (HTTP or WebSocket failure) → `NETWORK_ERROR` (retryable);
 * - a request or receipt wait timed out → `TIMEOUT` (retryable);
 * - anything else from the chain → `CHAIN_ERROR`.
 * A BaseError passes through unchanged.
 * @param err - whatever was thrown
 * @param abi - the contract's ABI, to decode custom errors from raw revert data (deployments and
 *   plain transactions, where viem does not decode them itself)
 * @returns the mapped error, with the original as `cause`
 */
export function mapChainError(err: unknown, abi: Abi = []): BaseError {
  if (isBaseError(err)) return err;
  if (!(err instanceof ViemBaseError)) {
    const message = err instanceof Error ? err.message : String(err);
    return new BaseError('CHAIN_ERROR', `Chain call failed: ${message}`, { cause: err });
  }

  const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    // viem decodes with the called function's ABI only; an error raised by a contract it
    // calls (e.g. a token's) is decoded here with the wider `abi` given.
    const decoded = reverted.data === undefined && reverted.raw !== undefined ? tryDecode(abi, reverted.raw) : undefined;
    const errorName = reverted.data?.errorName ?? decoded?.errorName;
    const args = reverted.data?.args ?? decoded?.args;
    return revertError(err, { errorName, args, reason: reverted.reason, signature: reverted.signature });
  }

  const executionReverted = err.walk((e) => e instanceof ExecutionRevertedError);
  if (executionReverted instanceof ExecutionRevertedError) {
    const raw = findRevertData(err);
    const decoded = raw === undefined ? undefined : tryDecode(abi, raw);
    const reason = decoded?.errorName === 'Error' ? String(decoded.args?.[0]) : executionReverted.details;
    return revertError(err, { errorName: decoded?.errorName, args: decoded?.args, reason, signature: raw?.slice(0, 10) as Hex | undefined });
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

interface RevertFacts {
  errorName: string | undefined;
  args: readonly unknown[] | undefined;
  reason: string | undefined;
  signature: Hex | undefined;
}

function revertError(err: ViemBaseError, facts: RevertFacts): BaseError {
  const args = toJsonSafe(facts.args ?? []) as unknown[];
  const data: Record<string, unknown> = { errorName: facts.errorName, args };
  if (facts.reason !== undefined) data.reason = facts.reason;
  if (facts.signature !== undefined) data.signature = facts.signature;
  const custom = facts.errorName !== undefined && facts.errorName !== 'Error' && facts.errorName !== 'Panic';
  const what = custom ? `${facts.errorName}(${args.map(String).join(', ')})` : (facts.reason ?? facts.signature ?? 'no reason given');
  return new BaseError('CHAIN_ERROR', `Contract reverted: ${what}`, { data, cause: err, retryable: false });
}

/** The revert payload an RPC error carries (`data: 0x<selector><args>`), if any. */
function findRevertData(err: ViemBaseError): Hex | undefined {
  let found: Hex | undefined;
  err.walk((e) => {
    const data = (e as { data?: unknown }).data;
    if (typeof data === 'string' && /^0x[0-9a-fA-F]{8}/.test(data)) found = data as Hex;
    return found !== undefined;
  });
  return found;
}

function tryDecode(abi: Abi, data: Hex): { errorName: string; args: readonly unknown[] | undefined } | undefined {
  try {
    return decodeErrorResult({ abi, data });
  } catch {
    return undefined;
  }
}

function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  return value;
}
