import {
  acceptJob, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, createChainClients, deployNetwork, postJob, setWorkers, submitResult,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import { createJobIndexer, createViemJobMarketReader, createViemVerifierRoles, type JobIndexer } from '@tensorgrid/coordinator';
import { createJobIndexStore } from '@tensorgrid/db';
import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import { createCoordinatorClient, putJobStepHashes, type CoordinatorClient } from '@tensorgrid/sdk';
import { createTrainer, deriveJobSeed, jobGas, parseTrainingJob, train, type Dataset, type JobSpec, type Reduction, type Trainer, type TrainRun } from '@tensorgrid/tensor';
import { fabricateStates, openTransition, publishStates, transitionOpeningWire } from '@tensorgrid/verification';
import { withAnvil, type AnvilFixture } from './anvil-fixture';
import { startTestCoordinator, type TestCoordinator } from './start-test-coordinator';
import { erc20Abi, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const GRID = 10n ** 18n;

/** The dev keys' roles in a {@link startMarket} network: 0 admin, 1 oracle and verifier (VERIFIER_ROLE), 2 requester, 3 node. */
export const MARKET_KEYS = { admin: 0, verifier: 1, requester: 2, node: 3 } as const;

/** A deployed network on anvil and a coordinator indexing its JobMarket with the challenge exchange on. */
export interface MarketFixture {
  anvil: AnvilFixture;
  coord: TestCoordinator;
  contracts: NetworkContracts;
  indexer: JobIndexer;
  clients: (key: number) => WalletChainClients;
  /** A coordinator client signing with dev key `key`. */
  as: (key: number) => CoordinatorClient;
  close: () => Promise<void>;
}

/** The node's kept run of a job: what it committed and answers from. */
export interface NodeRun { jobId: bigint; trainer: Trainer; run: TrainRun; submitBlockHash: string }

/** Deploys the network, funds requester, node and verifier with GRID, gives the node 4 workers and starts the coordinator. */
export async function startMarket(): Promise<MarketFixture> {
  const anvil = await withAnvil();
  const clients = (key: number): WalletChainClients => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[key]!, pollingIntervalMs: 20 });
  const [admin, oracle] = [clients(MARKET_KEYS.admin), clients(MARKET_KEYS.verifier)];
  const contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
  for (const key of [MARKET_KEYS.requester, MARKET_KEYS.node, MARKET_KEYS.verifier]) {
    const hash = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [ANVIL_DEV_ADDRESSES[key]!, 10_000n * GRID] });
    await admin.publicClient.waitForTransactionReceipt({ hash });
  }
  await setWorkers(oracle, { address: contracts.JobMarket, node: ANVIL_DEV_ADDRESSES[MARKET_KEYS.node]!, workers: 4 });
  const market = { clients: oracle, market: contracts.JobMarket };
  const coord = await startTestCoordinator('sqlite', { verifierRoles: createViemVerifierRoles({ ...market, clock: { now: Date.now } }) });
  const indexer = createJobIndexer({ store: createJobIndexStore(coord.database.db), reader: createViemJobMarketReader(market) });
  return {
    anvil, coord, contracts, indexer, clients,
    as: (key) => createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(ANVIL_DEV_KEYS[key]!), domain: coord.domain }),
    close: async () => {
      await coord.close();
      await anvil.stop();
    },
  };
}

/**
 * Plays requester and node for one job: posts it, accepts it, trains it, submits the root and
 * publishes the step hashes (after an index tick, so the coordinator knows the root).
 * `seedBeacon` overrides the assignment beacon the node trains with (a cheater's own seed);
 * `reduction` makes the node train on a non-canonical kernel (a PyTorch-like solver);
 * `skipStep` makes that one transition a no-op (a cheater that skipped it; every state kept);
 * `publish: false` keeps the step hashes back. The job is posted with its spec's gas (`jobGas`),
 * or `gas` (a requester overstating it), and a deadline `deadlineSeconds` (default 3,600) on.
 */
export async function runJob(m: MarketFixture, job: { specHash: Hex; spec: JobSpec; dataset: Dataset; seedBeacon?: string; reduction?: Reduction; skipStep?: number; publish?: boolean; gas?: bigint; deadlineSeconds?: number }): Promise<NodeRun> {
  const [requester, node] = [m.clients(MARKET_KEYS.requester), m.clients(MARKET_KEYS.node)];
  const { timestamp } = await requester.publicClient.getBlock();
  const gas = job.gas ?? jobGas(job.spec.training).gas;
  const { jobId } = await postJob(requester, { address: m.contracts.JobMarket, specHash: job.specHash, fee: 50n * GRID, gas, deadline: timestamp + BigInt(job.deadlineSeconds ?? 3_600) });
  const accepted = await acceptJob(node, { address: m.contracts.JobMarket, jobId });
  const jobSeed = deriveJobSeed(jobId.toString(), job.seedBeacon ?? accepted.blockHash.slice(2));
  const trainer = createTrainer(parseTrainingJob({ jobId: jobId.toString(), jobSeed, spec: job.spec.training }), job.dataset, job.reduction ? { reduction: job.reduction } : {});
  const run = job.skipStep === undefined ? train(trainer, { checkpointEvery: 10 }) : skippingRun(trainer, job.skipStep);
  const submitted = await submitResult(node, { address: m.contracts.JobMarket, jobId, resultRoot: `0x${run.root}` });
  if (job.publish !== false) {
    await m.indexer.tick();
    await putJobStepHashes(m.as(MARKET_KEYS.node), { id: jobId, hashes: run.stepHashes });
  }
  return { jobId, trainer, run, submitBlockHash: submitted.blockHash.slice(2) };
}

/** A run whose transition `skip` left W unchanged, with every state kept, so its openings are consistent with its root. */
function skippingRun(trainer: Trainer, skip: number): TrainRun {
  const states = fabricateStates(trainer, (state, t) => (t === skip ? state : trainer.step(state)));
  const { root, stepHashes, tree } = publishStates(trainer, states);
  return { root, stepHashes, tree, checkpointEvery: 1, checkpoints: new Map(states.map((state, t) => [t, state])), finalState: states.at(-1)!, losses: new Float32Array(0) };
}

/** The node's answer to challenged transition t, on the wire; `nextState` adds the committed W_{t+1} (tolerant jobs). */
export function openingWire(node: Pick<NodeRun, 'trainer' | 'run'>, t: number, options: { nextState?: boolean } = {}): TransitionOpeningWire {
  return transitionOpeningWire(openTransition(node.trainer, node.run, t), options);
}
