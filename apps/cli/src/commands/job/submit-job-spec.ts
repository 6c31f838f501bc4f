import { postJob, readJobMarketTerms, type WalletChainClients } from '@tensorgrid/chain';
import { BaseError } from '@tensorgrid/protocol';
import { putJobSpec, uploadDataset, type CoordinatorClient } from '@tensorgrid/sdk';
import { jobGas, jobSpecHash } from '@tensorgrid/tensor';
import type { Address, Hex } from 'viem';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { JobSpecFile } from './read-job-spec-file';
import { parseDeadline } from './parse-deadline';

/** What {@link submitJobSpec} needs. */
export interface SubmitJobSpecParams {
  /** The spec read with `readJobSpecFile`, with the local dataset it named. */
  file: JobSpecFile;
  /** The coordinator (dataset and spec stores). */
  client: CoordinatorClient;
  /** The requester's chain clients. */
  chain: WalletChainClients;
  jobMarket: Address;
  /** GRID base units; default the market's verifier fee plus the job's gas. */
  fee?: bigint;
  /** A duration from now (90m, 6h, 2d) or an ISO time. */
  deadline: string;
  /** Progress lines. */
  say?: (line: string) => void;
}

/** A posted job. */
export interface SubmittedJob {
  jobId: bigint;
  specHash: string;
  gas: bigint;
  gflop: bigint;
  fee: bigint;
  /** Unix seconds. */
  deadline: bigint;
  txHash: Hex;
  /** The block that included the post. */
  blockNumber: bigint;
}

/**
 * What `tgrid job submit` does, for the CLI and the devnet's requester bot: uploads the spec's
 * local dataset, stores the spec at the coordinator (checking it computes the same hash and
 * gas), checks the fee and the deadline against the market, approves the fee and posts the job.
 * @param params - spec, coordinator, requester, market, fee and deadline
 * @throws BaseError VALIDATION_FAILED (fee below the verifier fee, a deadline shorter than the time limit), INTERNAL, chain errors
 */
export async function submitJobSpec(params: SubmitJobSpecParams): Promise<SubmittedJob> {
  const { file: { spec, dataset }, client, chain, jobMarket } = params;
  const say = params.say ?? (() => undefined);
  const { gas, gflop } = jobGas(spec.training);
  say(`spec valid: about ${gflop} GFLOP of training, gas ${formatGrid(gas)}`);
  if (dataset) {
    say(`uploading ${dataset.path} (${dataset.bytes.length} bytes)`);
    await uploadDataset(client, { bytes: dataset.bytes });
  }
  const stored = await putJobSpec(client, { spec });
  const specHash = jobSpecHash(spec);
  if (stored.specHash !== specHash || stored.gas !== gas.toString()) {
    throw new BaseError('INTERNAL', 'The coordinator stored the spec under another hash or gas than this CLI computes', { data: { local: specHash, stored: stored.specHash } });
  }
  say(`spec stored at the coordinator as ${specHash}`);

  const [terms, block] = await Promise.all([readJobMarketTerms(chain.publicClient, { address: jobMarket }), chain.publicClient.getBlock()]);
  const fee = params.fee ?? terms.verifierFee + gas;
  if (fee < terms.verifierFee) {
    throw new BaseError('VALIDATION_FAILED', `The fee ${formatGrid(fee)} is below the market's verifier fee ${formatGrid(terms.verifierFee)}`, {
      data: { fee: fee.toString(), verifierFee: terms.verifierFee.toString() },
      details: `Pass --fee ${formatGrid(terms.verifierFee).replace(' GRID', '')} or more: the verifier is paid from the fee.`,
    });
  }
  const deadline = parseDeadline(params.deadline, block.timestamp);
  if (deadline - block.timestamp < BigInt(spec.timeLimitSeconds)) {
    throw new BaseError('VALIDATION_FAILED', `The deadline leaves less than the job's time limit (${spec.timeLimitSeconds} s) to train`, { details: 'Pass a later --deadline.' });
  }
  say(`approving ${formatGrid(fee)} and posting the job on ${jobMarket}`);
  const posted = await postJob(chain, { address: jobMarket, specHash: specHash as Hex, fee, gas, deadline, approve: true });
  return { jobId: posted.jobId, specHash, gas, gflop, fee, deadline, txHash: posted.txHash, blockNumber: posted.blockNumber };
}
