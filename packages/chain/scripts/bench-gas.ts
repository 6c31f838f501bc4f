/**
 * `npm run bench:gas`: gas of each operation of the network on a fresh anvil, read from the
 * receipts of real transactions (the whole network deployed with deployNetwork).
 */
import { padHex, parseAbi, type Address, type Hex } from 'viem';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from '../src/anvil/dev-keys';
import { startAnvil } from '../src/anvil/start-anvil';
import { createChainClients, type WalletChainClients } from '../src/clients';
import { deployNetwork } from '../src/deploy/deploy-network';
import { openLease } from '../src/actions/leases/open-lease';
import { settleUsage } from '../src/actions/leases/settle-usage';
import { setDevice } from '../src/actions/staking/set-device';
import { stake } from '../src/actions/staking/stake';
import { requestUnstake } from '../src/actions/staking/request-unstake';
import { postRewardRoot } from '../src/actions/rewards/post-reward-root';
import { claimReward } from '../src/actions/rewards/claim-reward';
import { buildRewardTree } from '../src/rewards/build-reward-tree';
import { benchJobMarket } from './bench-gas-jobs';

const GRID = 10n ** 18n;
const erc20 = parseAbi(['function transfer(address to, uint256 amount) returns (bool)', 'function approve(address spender, uint256 amount) returns (bool)']);
const rewardsAbi = parseAbi(['function currentBlock() view returns (uint64)']);

const anvil = await startAnvil();
const rows: [string, bigint][] = [];
try {
  const as = (i: number) => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[i]!, pollingIntervalMs: 10 });
  const [admin, oracle, supplier, buyer] = [as(0), as(1), as(2), as(3)];
  const rpc = (method: string, params: unknown[] = []) => admin.publicClient.request({ method: method as never, params: params as never });
  const write = async (clients: WalletChainClients, address: Address, call: { fn: 'transfer' | 'approve'; args: readonly [Address, bigint] }) => {
    const hash = await clients.walletClient.writeContract({ address, abi: erc20, functionName: call.fn, args: call.args, account: clients.account, chain: clients.walletClient.chain });
    await clients.publicClient.waitForTransactionReceipt({ hash });
  };

  const c = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
  for (const who of [1, 2, 3]) await write(admin, c.GridToken, { fn: 'transfer', args: [ANVIL_DEV_ADDRESSES[who]!, 1_000_000n * GRID] });

  // Staking: the supplier's device, staked and then partly unstaked.
  const device = padHex(ANVIL_DEV_ADDRESSES[2]!, { size: 32 });
  await setDevice(oracle, { staking: c.Staking, device, owner: ANVIL_DEV_ADDRESSES[2]!, hardwareClass: padHex('0x01', { size: 32 }) });
  await write(supplier, c.GridToken, { fn: 'approve', args: [c.Staking, 10_000n * GRID] });
  rows.push(['stake (first, 1,000 GRID)', (await stake(supplier, { staking: c.Staking, device, amount: 1_000n * GRID })).gasUsed]);
  rows.push(['request unstake (100 GRID)', (await requestUnstake(supplier, { staking: c.Staking, device, amount: 100n * GRID })).gasUsed]);

  // Leases: a 10-device lease paid in GRID, then 100 usage records settled in one batch.
  const devices = Array.from({ length: 10 }, (_, i) => padHex(`0x${(i + 1).toString(16)}`, { size: 32 }) as Hex);
  await write(buyer, c.GridToken, { fn: 'approve', args: [c.Leases, 100_000n * GRID] });
  const lease = await openLease(buyer, { leases: c.Leases, devices, durationSeconds: 86_400n, price: 10_000n * GRID, payToken: c.GridToken });
  rows.push(['open lease (10 devices, GRID)', lease.gasUsed]);
  await rpc('evm_increaseTime', [10 * 3600]);
  await rpc('evm_mine');
  const records = devices.flatMap((d) =>
    Array.from({ length: 10 }, (_, k) => ({ leaseId: lease.leaseId, device: d, payee: ANVIL_DEV_ADDRESSES[2]!, periodStart: lease.start + BigInt(k * 3600), periodEnd: lease.start + BigInt((k + 1) * 3600), amount: GRID })),
  );
  rows.push(['settle usage (batch of 100 records)', (await settleUsage(oracle, { leases: c.Leases, records })).gasUsed]);

  // Rewards: a GPU-pool root for the last finished block, and one device's claim.
  await rpc('evm_increaseTime', [3600]);
  await rpc('evm_mine');
  const block = (await admin.publicClient.readContract({ address: c.Rewards, abi: rewardsAbi, functionName: 'currentBlock' })) - 1n;
  const tree = buildRewardTree([
    { epoch: block, pool: 0, beneficiary: device, amount: 10n * GRID },
    ...Array.from({ length: 63 }, (_, i) => ({ epoch: block, pool: 0, beneficiary: padHex(`0x${(1000 + i).toString(16)}`, { size: 32 }), amount: GRID })),
  ]);
  rows.push(['post reward root (64 leaves)', (await postRewardRoot(oracle, { address: c.Rewards, epoch: block, pool: 0, root: tree.root, total: tree.total })).gasUsed]);
  const claim = tree.claims[0]!;
  rows.push(['claim reward (owner, no co-stakers)', (await claimReward(supplier, { address: c.Rewards, ...claim })).gasUsed]);

  rows.push(...(await benchJobMarket({ oracle, node: supplier, requester: buyer }, c.JobMarket)));
} finally {
  await anvil.stop();
}

console.log('Gas per operation (anvil, solc 0.8.37, optimizer 200 runs, evm cancun)\n');
const width = Math.max(...rows.map(([name]) => name.length));
for (const [name, gas] of rows) console.log(`  ${name.padEnd(width)}  ${gas.toLocaleString('en-US').padStart(10)}`);
