import { join } from 'node:path';
import { BaseError, type Device } from '@tensorgrid/protocol';
import { createCoordinatorClient } from '@tensorgrid/sdk';
import type { Logger } from 'pino';
import { createWorkerAgent, type WorkerAgent } from '../agent/worker-agent';
import { locationOf, type WorkerOptions } from '../config';
import { loadOrCreateWorkerKey } from '../identity/load-or-create-worker-key';
import { parsePrivateKey } from '../identity/parse-private-key';
import { challengeRespondersFor, type StartedResponders } from '../challenges/challenge-responders-for';
import { createExecFileRunner } from '../probe/exec-file-runner';
import type { RunCommand } from '../probe/core/run-command';
import { hardwareForWorker, type HardwareProbe } from '../probe/core/hardware-for-worker';
import { offerCpuCores } from '../probe/core/offer-cpu-cores';
import { probeHardware } from '../probe/probe-hardware';
import { listForeignGpuProcesses } from '../probe/list-foreign-gpu-processes';
import { startJobRunner, type StartedJobRunner } from '../jobs/start-job-runner';
import { planWorkers } from './core/plan-workers';

/** A worker that registered and is sending heartbeats. */
export interface StartedWorker {
  agent: WorkerAgent;
  device: Device;
  /** Where its key lives, or null when the key was configured. */
  keyFile: string | null;
  keyCreated: boolean;
  /** What answers its hardware challenges (the CUDA helper or compute threads), to close at shutdown. */
  challenges: StartedResponders;
  /** Its job runner, when the options name a chain RPC and a JobMarket. */
  jobs: StartedJobRunner | undefined;
}

/**
 * Probes the machine and starts one worker agent per GPU model (or the one the operator
 * chose), each with its own kept identity under `<dataDir>/<model-slug>/`.
 * @param options - the worker options
 * @param deps - logger, and overrides of the probe and of the command runner (CUDA detection)
 * @throws {BaseError} MIXED_GPU_MODELS, CONFIG_INVALID (also: more CPU cores offered than found), KEY_INVALID, or the coordinator's refusal
 */
export async function startWorkers(options: WorkerOptions, deps: { log: Logger; probe?: () => Promise<HardwareProbe>; run?: RunCommand }): Promise<StartedWorker[]> {
  const probe = offerCpuCores(await (deps.probe ?? (() => probeHardware({ dataDir: options.dataDir })))(), options.cpuCores);
  const plan = planWorkers(probe.gpus, { ...(options.gpuModel ? { model: options.gpuModel } : {}), ...(options.gpuIndices ? { indices: options.gpuIndices } : {}) });
  if (options.privateKey && plan.length > 1) {
    throw new BaseError('CONFIG_INVALID', `A configured worker key serves one worker, but this machine runs ${plan.length} (one per GPU model)`, {
      details: 'Choose one model with --gpu-model, or leave the key out so that each worker keeps its own.',
    });
  }
  const operator = options.operatorKey ? parsePrivateKey(options.operatorKey, 'operator key') : undefined;

  const started: StartedWorker[] = [];
  const location = locationOf(options);
  try {
    for (const planned of plan) {
      const identity = options.privateKey
        ? { account: parsePrivateKey(options.privateKey, 'worker key'), keyFile: null, created: false }
        : loadOrCreateWorkerKey(join(options.dataDir, planned.slug));
      const hardware = hardwareForWorker(probe, planned.gpus);
      const challenges = await challengeRespondersFor(hardware, { run: deps.run ?? createExecFileRunner(), log: deps.log });
      const client = createCoordinatorClient({ url: options.coordinatorUrl, account: identity.account });
      const agent = createWorkerAgent({
        client,
        hardware,
        challengeResponders: challenges.responders,
        log: deps.log,
        ...(operator ? { operator } : {}),
        ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
        ...(location ? { location } : {}),
        ...(planned.gpus.some((g) => g.vendor === 'nvidia') ? { foreignProcesses: () => listForeignGpuProcesses() } : {}),
      });
      const device = await agent.start().catch(async (err: unknown) => {
        await challenges.close();
        throw err;
      });
      const worker: StartedWorker = { agent, device, keyFile: identity.keyFile, keyCreated: identity.created, challenges, jobs: undefined };
      started.push(worker);
      worker.jobs = await startJobRunner(options, { account: identity.account, client, dataDir: join(options.dataDir, planned.slug), log: deps.log.child({ deviceId: device.id }) });
    }
  } catch (err) {
    await Promise.all(started.map(async (w) => {
      await w.jobs?.stop();
      await w.agent.stop();
      await w.challenges.close();
    }));
    throw err;
  }
  return started;
}
