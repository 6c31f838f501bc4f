import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAddress, zeroHash, type Address, type Hex } from 'viem';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from '../../src/anvil/dev-keys';
import { createChainClients, type WalletChainClients } from '../../src/clients';
import { gridTokenAbi, rewardsAbi } from '../../src/generated/artifacts';
import { accountBeneficiary, buildRewardTree, type RewardClaim } from '../../src/rewards/build-reward-tree';
import { createRewardsFixture, GRID, revertOf, setSplit, type RewardsFixture } from './rewards-fixture';

// Stateful property test: random sequences of postRoot / claim / burn against the deployed
// contracts, checked step by step against a TypeScript model (the "ghost state").
const NUM_RUNS = process.env.CI ? 256 : 25;
const GENESIS_SUPPLY = 500_000_000n * GRID;
const CAP = 800_000_000n * GRID;

interface Split {
  owner: Address;
  shareBps: bigint;
  co: { to: Address; stake: bigint }[];
}
const [, , , A3, A4, A5, A6, A7, A8] = ANVIL_DEV_ADDRESSES;
const DEVICES: { id: Hex; split: Split }[] = [
  { id: accountBeneficiary('0x00000000000000000000000000000000000000d0'), split: { owner: A3, shareBps: 0n, co: [] } },
  { id: accountBeneficiary('0x00000000000000000000000000000000000000d1'), split: { owner: A4, shareBps: 3_000n, co: [{ to: A5, stake: 3n }, { to: A6, stake: 5n }, { to: A7, stake: 11n }] } },
  { id: accountBeneficiary('0x00000000000000000000000000000000000000d2'), split: { owner: A8, shareBps: 10_000n, co: [{ to: A5, stake: 1n }] } },
];
const ACCOUNTS: Address[] = [A3, A6, A8];

/** Who is paid what for a leaf, as the contract must split it. */
function expectedPayouts(claim: RewardClaim): Map<Address, bigint> {
  const out = new Map<Address, bigint>();
  const add = (to: Address, amount: bigint): void => void out.set(to, (out.get(to) ?? 0n) + amount);
  if (claim.pool === 2) {
    add(getAddress(`0x${claim.beneficiary.slice(26)}`), claim.amount);
    return out;
  }
  const split = DEVICES.find((d) => d.id === claim.beneficiary)?.split;
  if (!split) throw new Error('unknown device');
  const coTotal = split.co.reduce((s, c) => s + c.stake, 0n);
  let owner = claim.amount;
  if (coTotal > 0n && split.shareBps > 0n) {
    const coShare = (claim.amount * split.shareBps) / 10_000n;
    for (const c of split.co) {
      const part = (coShare * c.stake) / coTotal;
      owner -= part;
      add(c.to, part);
    }
  }
  add(split.owner, owner);
  return out;
}

type TotalKind = 'exact' | 'short' | 'over-allowance';
type Command = { kind: 'post'; slot: number } | { kind: 'claim'; slot: number; leaf: number; tamper: 'none' | 'amount' | 'proof' } | { kind: 'burn'; amount: bigint };

describe('Rewards invariants under random post/claim sequences (fast-check)', () => {
  let fx: RewardsFixture;
  let treasury: WalletChainClients;
  let slots: { epoch: bigint; pool: number; allowance: bigint }[];

  beforeAll(async () => {
    fx = await createRewardsFixture();
    treasury = createChainClients({ rpcUrl: fx.anvil.rpcUrl, chainId: fx.anvil.chainId, privateKey: ANVIL_DEV_KEYS[9], pollingIntervalMs: 20 });
    for (const d of DEVICES) {
      await setSplit(fx, { device: d.id, owner: d.split.owner, shareBps: Number(d.split.shareBps), coStakers: d.split.co.map((c) => c.to), coStakes: d.split.co.map((c) => c.stake) });
    }
    await fx.checkpoint();
    const genesisDay = await fx.admin.publicClient.readContract({ address: fx.rewards, abi: rewardsAbi, functionName: 'genesisDay' });
    const keys: [bigint, number][] = [[0n, 0], [0n, 1], [1n, 0], [1n, 1], [2n, 0], [2n, 1], [47n, 0], [47n, 1], [genesisDay, 2], [genesisDay + 1n, 2]];
    slots = await Promise.all(
      keys.map(async ([epoch, pool]) => ({
        epoch,
        pool,
        allowance: await fx.admin.publicClient.readContract({ address: fx.rewards, abi: rewardsAbi, functionName: 'allowanceOf', args: [epoch, pool] }),
      })),
    );
  });
  afterAll(async () => {
    await fx?.close();
  });

  it(`holds for ${NUM_RUNS} runs of 100+ calls: no leaf paid twice, minted ≤ posted ≤ allowance, supply = genesis + minted − burned ≤ cap`, async () => {
    const slotCount = 10;
    const treeArb = fc.record({
      beneficiaries: fc.uniqueArray(fc.nat({ max: 2 }), { minLength: 1, maxLength: 3 }),
      weights: fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 3, maxLength: 3 }),
      totalKind: fc.constantFrom<TotalKind>('exact', 'exact', 'short', 'over-allowance'),
    });
    const commandArb: fc.Arbitrary<Command> = fc.oneof(
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('post' as const), slot: fc.nat({ max: slotCount - 1 }) }) },
      {
        weight: 6,
        arbitrary: fc.record({
          kind: fc.constant('claim' as const),
          slot: fc.nat({ max: slotCount - 1 }),
          leaf: fc.nat({ max: 2 }),
          tamper: fc.constantFrom('none' as const, 'none' as const, 'none' as const, 'amount' as const, 'proof' as const),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('burn' as const), amount: fc.bigInt({ min: 1n, max: 1_000n * GRID }) }) },
    );

    let paidClaims = 0;
    let refusedCalls = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(treeArb, { minLength: slotCount, maxLength: slotCount }), fc.array(commandArb, { minLength: 100, maxLength: 120 }), async (treeSpecs, commands) => {
        await fx.reset();
        const trees = treeSpecs.map((spec, i) => {
          const slot = slots[i];
          if (!slot) throw new Error('slot');
          const leaves = spec.beneficiaries.map((b, j) => ({
            epoch: slot.epoch,
            pool: slot.pool,
            beneficiary: slot.pool === 2 ? accountBeneficiary(ACCOUNTS[b] as Address) : (DEVICES[b]?.id as Hex),
            amount: (slot.allowance * BigInt(spec.weights[j] ?? 1)) / 1_000n + 1n,
          }));
          const tree = buildRewardTree(leaves);
          const total = spec.totalKind === 'exact' ? tree.total : spec.totalKind === 'short' ? tree.total - (leaves[0]?.amount ?? 0n) / 2n : slot.allowance + 1n;
          return { slot, tree, total };
        });
        // Model (ghost state).
        const posted = new Map<number, { claimed: bigint }>();
        const claimedLeaves = new Set<string>();
        const credits = new Map<Address, bigint>();
        let minted = 0n;
        let burned = 0n;
        let postedTotal = 0n;
        let allowanceOfPosted = 0n;
        const balancesBefore = new Map<Address, bigint>();
        for (const who of new Set<Address>([...DEVICES.flatMap((d) => [d.split.owner, ...d.split.co.map((c) => c.to)]), ...ACCOUNTS])) {
          balancesBefore.set(who, await fx.admin.publicClient.readContract({ address: fx.token, abi: gridTokenAbi, functionName: 'balanceOf', args: [who] }));
        }

        for (const cmd of commands) {
          if (cmd.kind === 'burn') {
            await send(treasury, { address: fx.token, abi: gridTokenAbi, functionName: 'burn', args: [cmd.amount] }, undefined);
            burned += cmd.amount;
          } else if (cmd.kind === 'post') {
            const t = trees[cmd.slot];
            if (!t) throw new Error('tree');
            const expected = posted.has(cmd.slot) ? 'RewardsRootAlreadyPosted' : t.total > t.slot.allowance ? 'RewardsAllowanceExceeded' : undefined;
            await send(fx.oracle, { address: fx.rewards, abi: rewardsAbi, functionName: 'postRoot', args: [t.slot.epoch, t.slot.pool, t.tree.root, t.total] }, expected);
            if (expected !== undefined) refusedCalls += 1;
            if (expected === undefined) {
              posted.set(cmd.slot, { claimed: 0n });
              postedTotal += t.total;
              allowanceOfPosted += t.slot.allowance;
            }
          } else {
            const t = trees[cmd.slot];
            const claim = t?.tree.claims[cmd.leaf % t.tree.claims.length];
            if (!t || !claim) throw new Error('leaf');
            const amount = cmd.tamper === 'amount' ? claim.amount + 1n : claim.amount;
            const other = t.tree.claims.find((c) => c !== claim);
            const proof = cmd.tamper === 'proof' ? (other ? other.proof.concat(other.leafHash) : [zeroHash]) : claim.proof;
            const state = posted.get(cmd.slot);
            const key = `${cmd.slot}:${claim.beneficiary}:${amount}`;
            let expected: string | undefined;
            if (!state) expected = 'RewardsRootNotPosted';
            else if (claimedLeaves.has(key)) expected = 'RewardsAlreadyClaimed';
            else if (cmd.tamper !== 'none') expected = 'RewardsInvalidProof';
            else if (state.claimed + amount > t.total) expected = 'RewardsTotalExceeded';
            await send(fx.stranger, { address: fx.rewards, abi: rewardsAbi, functionName: 'claim', args: [claim.epoch, claim.pool, claim.beneficiary, amount, proof] }, expected);
            if (expected !== undefined) refusedCalls += 1;
            if (expected === undefined && state) {
              claimedLeaves.add(key);
              state.claimed += amount;
              minted += amount;
              paidClaims += 1;
              for (const [to, part] of expectedPayouts(claim)) credits.set(to, (credits.get(to) ?? 0n) + part);
            }
          }
          // Invariants after every call.
          const [supply, totalMinted, totalPosted] = await Promise.all([
            fx.admin.publicClient.readContract({ address: fx.token, abi: gridTokenAbi, functionName: 'totalSupply' }),
            fx.admin.publicClient.readContract({ address: fx.rewards, abi: rewardsAbi, functionName: 'totalMinted' }),
            fx.admin.publicClient.readContract({ address: fx.rewards, abi: rewardsAbi, functionName: 'totalPosted' }),
          ]);
          expect(totalMinted).toBe(minted);
          expect(totalPosted).toBe(postedTotal);
          expect(supply).toBe(GENESIS_SUPPLY + minted - burned);
          expect(supply).toBeLessThanOrEqual(CAP);
          expect(minted).toBeLessThanOrEqual(postedTotal);
          expect(postedTotal).toBeLessThanOrEqual(allowanceOfPosted);
        }
        // Every recipient got exactly its share of the leaves paid; each paid leaf reads as claimed.
        for (const [who, before] of balancesBefore) {
          const after = await fx.admin.publicClient.readContract({ address: fx.token, abi: gridTokenAbi, functionName: 'balanceOf', args: [who] });
          expect(after - before).toBe(credits.get(who) ?? 0n);
        }
        for (const t of trees) {
          for (const c of t.tree.claims) {
            const onChain = await fx.admin.publicClient.readContract({ address: fx.rewards, abi: rewardsAbi, functionName: 'isClaimed', args: [c.epoch, c.pool, c.beneficiary, c.amount] });
            expect(onChain).toBe(claimedLeaves.has(`${trees.indexOf(t)}:${c.beneficiary}:${c.amount}`));
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The sequences did exercise both paths.
    expect(paidClaims).toBeGreaterThan(NUM_RUNS);
    expect(refusedCalls).toBeGreaterThan(NUM_RUNS);
  }, process.env.CI ? 3_600_000 : 600_000);
});

/** Simulates a call; when `expected` names an error, asserts the simulation reverts with it, else sends it. */
async function send(
  by: WalletChainClients,
  call: { address: Address; abi: typeof rewardsAbi | typeof gridTokenAbi; functionName: string; args: readonly unknown[] },
  expected: string | undefined,
): Promise<void> {
  const simulation = by.publicClient.simulateContract({ ...call, account: by.account } as never) as Promise<{ request: unknown }>;
  if (expected !== undefined) {
    expect((await revertOf(simulation, call.abi))?.name).toBe(expected);
    return;
  }
  const { request } = await simulation;
  const hash = await by.walletClient.writeContract(request as never);
  const receipt = await by.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
}
