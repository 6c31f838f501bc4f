import { isBaseError, type BaseError } from '@tensorgrid/protocol';
import { createTestClient, erc20Abi, http, TransactionReceiptNotFoundError, type Hash, keccak256, maxUint256, toHex, type Address, type Hex, type TestClient } from 'viem';
import { ANVIL_DEV_KEYS } from '../../src/anvil/dev-keys';
import { startAnvil, type AnvilInstance } from '../../src/anvil/start-anvil';
import { createChainClients, type WalletChainClients } from '../../src/clients';
import { deployGridToken } from '../../src/actions/deploy-grid-token';
import { deployJobMarket, type JobMarketParams } from '../../src/actions/job-market/deploy-job-market';
import { jobMarketCallAbi } from '../../src/errors/job-market-errors';

export const GRID = 10n ** 18n;
export const ORACLE_ROLE = keccak256(toHex('ORACLE_ROLE'));
export const VERIFIER_ROLE = keccak256(toHex('VERIFIER_ROLE'));
export const REFEREE_ROLE = keccak256(toHex('REFEREE_ROLE'));
/** GRID each participant gets from the treasury. */
export const FUNDING = 1_000_000n * GRID;

/** The cast: anvil's ten dev accounts, one role each. */
export interface Cast {
  admin: WalletChainClients; // deployer, DEFAULT_ADMIN_ROLE and ORACLE_ROLE
  treasury: WalletChainClients;
  requester: WalletChainClients;
  requester2: WalletChainClients;
  node: WalletChainClients;
  node2: WalletChainClients;
  verifier: WalletChainClients;
  whistleblower: WalletChainClients;
  referee: WalletChainClients;
  outsider: WalletChainClients;
}

/** A running anvil with GRID and a JobMarket deployed, roles granted and participants funded. */
export interface JobMarketFixture {
  anvil: AnvilInstance;
  test: TestClient<'anvil'>;
  cast: Cast;
  token: Address;
  market: Address;
  params: JobMarketParams;
}

/**
 * Starts anvil, deploys GRID + JobMarket, grants roles, funds and approves everyone, and bonds
 * the verifier (ten verdicts' worth unless `opts.verifierBond` says otherwise).
 */
export async function startJobMarketFixture(params?: Partial<JobMarketParams>, opts: { verifierBond?: bigint } = {}): Promise<JobMarketFixture> {
  const anvil = await startAnvil();
  const base = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, pollingIntervalMs: 10 };
  const clients = ANVIL_DEV_KEYS.map((privateKey) => createChainClients({ ...base, privateKey }));
  const at = (i: number): WalletChainClients => clients[i] as WalletChainClients;
  const cast: Cast = { admin: at(0), treasury: at(1), requester: at(2), requester2: at(3), node: at(4), node2: at(5), verifier: at(6), whistleblower: at(7), referee: at(8), outsider: at(9) };
  const test = createTestClient({ mode: 'anvil', chain: cast.admin.chain, transport: http(anvil.rpcUrl), pollingInterval: 10 });

  const token = (await deployGridToken(cast.admin, { treasury: cast.treasury.account.address, admin: cast.admin.account.address })).address;
  const deployed = await deployJobMarket(cast.admin, { token, admin: cast.admin.account.address, params: params ?? {} });
  const market = deployed.address;
  await grantRoles(cast, market);
  for (const who of [cast.requester, cast.requester2, cast.node, cast.node2, cast.verifier, cast.whistleblower, cast.outsider]) {
    await send(cast.treasury, { address: token, abi: erc20Abi, functionName: 'transfer', args: [who.account.address, FUNDING] });
    await send(who, { address: token, abi: erc20Abi, functionName: 'approve', args: [market, maxUint256] });
  }
  const bond = opts.verifierBond ?? 10n * deployed.params.verifierBond;
  if (bond > 0n) await send(cast.verifier, { address: market, abi: jobMarketCallAbi, functionName: 'bondVerifier', args: [bond] });
  return { anvil, test, cast, token, market, params: deployed.params };
}

/** Grants ORACLE_ROLE to the admin, VERIFIER_ROLE to the verifier and REFEREE_ROLE to the referee. */
export async function grantRoles(cast: Cast, market: Address): Promise<void> {
  const grant = (role: Hex, to: Address) => send(cast.admin, { address: market, abi: jobMarketCallAbi, functionName: 'grantRole', args: [role, to] });
  await grant(ORACLE_ROLE, cast.admin.account.address);
  await grant(VERIFIER_ROLE, cast.verifier.account.address);
  await grant(REFEREE_ROLE, cast.referee.account.address);
}

/** Sends a contract call straight away (no simulation), waits and checks the receipt. */
export async function send(who: WalletChainClients, call: { address: Address; abi: readonly unknown[]; functionName: string; args?: readonly unknown[] }, gas?: bigint): Promise<{ status: 'success' | 'reverted'; gasUsed: bigint }> {
  const hash = await who.walletClient.writeContract({ ...call, ...(gas === undefined ? {} : { gas }) } as never);
  const receipt = await receiptOf(who, hash);
  if (gas === undefined && receipt.status !== 'success') throw new Error(`${call.functionName} reverted`);
  return { status: receipt.status, gasUsed: receipt.gasUsed };
}

/** GRID balance of an account. */
export function balanceOf(f: Pick<JobMarketFixture, 'cast' | 'token'>, who: Address): Promise<bigint> {
  return f.cast.admin.publicClient.readContract({ address: f.token, abi: erc20Abi, functionName: 'balanceOf', args: [who] });
}

/** The latest block's timestamp. */
export async function now(f: Pick<JobMarketFixture, 'cast'>): Promise<bigint> {
  return (await f.cast.admin.publicClient.getBlock()).timestamp;
}

/** Moves the chain to exactly `timestamp` by mining one block there. */
export async function mineAt(f: Pick<JobMarketFixture, 'test'>, timestamp: bigint): Promise<void> {
  await f.test.setNextBlockTimestamp({ timestamp });
  await f.test.mine({ blocks: 1 });
}

/** Awaits a promise that must fail with a BaseError; returns it. */
export async function failure(promise: Promise<unknown>): Promise<BaseError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isBaseError(err)) throw new Error(`expected a BaseError, got ${String(err)}`);
  return err;
}

/**
 * Polls for a receipt (anvil mines on send, but may answer the hash a moment before the receipt
 * exists); fails loudly after `timeoutMs` instead of hanging.
 */
export async function receiptOf(who: Pick<WalletChainClients, 'publicClient'>, hash: Hash, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await who.publicClient.getTransactionReceipt({ hash }).catch((e: unknown) => {
      if (e instanceof TransactionReceiptNotFoundError) return undefined;
      throw e;
    });
    if (receipt) return receipt;
    if (Date.now() > until) throw new Error(`no receipt for ${hash} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
