import { isBaseError, type IndexedJobView, type JobEventView } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '@tensorgrid/sdk';
import { jobGas, verificationOf, type JobSpec, type Trainer } from '@tensorgrid/tensor';
import { jobHeldOutOptions, type Commitment, type HeldOutOptions, type VerificationMode } from '@tensorgrid/verification';
import type { Chain, PublicClient, Transport } from 'viem';
import { beaconBlocks } from './core/job-beacons';
import { loadJobTrainer } from './load-job-trainer';

/** A submitted job as the verifier checks it. */
export interface VerifierJob {
  jobId: bigint;
  /** The verifier's own trainer of the job (its seed from the assignment beacon). */
  trainer: Trainer;
  /** The result root on chain (hex, no 0x) over T + 1 leaves. */
  commitment: Commitment;
  /** The challenge beacon: hash of the JobSubmitted block (hex, no 0x). */
  beacon: string;
  /**
   * Seed-generated data: the default held-out draw from the job seed and the beacon. A
   * tabular file: the rows its spec holds out (`dataset.heldOut`); a file with none is the
   * training split as a whole, so its held-out check is skipped and the sampled replay alone decides.
   */
  heldOut: HeldOutOptions | false;
  /** The spec's verification mode: exact replay, or tolerant within its τ. */
  mode: VerificationMode;
  /** The job's gas as posted on chain, and as its spec costs it (`jobGas`): they must agree. */
  gas: { posted: bigint; spec: bigint };
}

/**
 * The verification package's mode of a job spec: exact unless the spec names tolerant with τ.
 * @param spec - a parsed job spec
 */
export function verificationModeOf(spec: Pick<JobSpec, 'verification'>): VerificationMode {
  const v = verificationOf(spec);
  return v.mode === 'tolerant' ? { kind: 'tolerant', tau: v.tau } : { kind: 'exact' };
}

/** Why a job cannot be checked (yet): the verifier skips it and does not reject it. */
export type LoadVerifierJobResult = { kind: 'ready'; job: VerifierJob } | { kind: 'skip'; why: string };

/**
 * Loads what checking a submitted job needs: its spec from the coordinator (by the hash on
 * chain), its training data (seed-generated, or the file's bytes checked against its
 * SHA-256), the two beacons from the block hashes of its accept and submit, and the trainer.
 * A missing or invalid spec or dataset is a skip, not a rejection: the coordinator may lack
 * data that the node had.
 * @param deps - a coordinator client and a public client of the chain
 * @param detail - the job and its index events
 */
export async function loadVerifierJob(
  deps: { coordinator: CoordinatorClient; publicClient: PublicClient<Transport, Chain> },
  detail: { job: IndexedJobView; events: readonly JobEventView[] },
): Promise<LoadVerifierJobResult> {
  const { job } = detail;
  if (!job.resultRoot) return { kind: 'skip', why: 'no result root in the index yet' };
  const blocks = beaconBlocks(detail.events);
  if (!blocks) return { kind: 'skip', why: 'the index has no JobAccepted and JobSubmitted events for the job yet' };
  try {
    const blockHash = async (n: number) => (await deps.publicClient.getBlock({ blockNumber: BigInt(n) })).hash.slice(2);
    const [assignment, beacon] = await Promise.all([blockHash(blocks.assignment), blockHash(blocks.challenge)]);
    const { spec, trainer, heldOutRows } = await loadJobTrainer(deps.coordinator, { jobId: job.id, specHash: job.specHash, assignment });
    return {
      kind: 'ready',
      job: {
        jobId: BigInt(job.id),
        trainer,
        commitment: { root: job.resultRoot.slice(2).toLowerCase(), leafCount: trainer.totalSteps + 1 },
        beacon,
        heldOut: jobHeldOutOptions(spec.training.dataset, heldOutRows),
        mode: verificationModeOf(spec),
        gas: { posted: BigInt(job.gas), spec: jobGas(spec.training).gas },
      },
    };
  } catch (err) {
    if (isBaseError(err)) return { kind: 'skip', why: `${err.code}: ${err.message}` };
    throw err;
  }
}
