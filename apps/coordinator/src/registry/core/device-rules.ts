import { BaseError, gpuModelsOf, type DeviceState, type Hardware } from '@tensorgrid/protocol';

/** Decision on a registration's hardware report. */
export type HardwareDecision = { kind: 'accepted'; gpuModel: string | null } | { kind: 'refused'; error: BaseError };

/**
 * One worker serves one GPU model: CUDA versions and resource management differ per model,
 * so a worker that reports two models is refused with the reason and what to do.
 * @param hardware - the worker's hardware report
 */
export function decideHardware(hardware: Hardware): HardwareDecision {
  const models = gpuModelsOf(hardware.gpus);
  if (hardware.kind === 'cpu' && models.length > 0) {
    return { kind: 'refused', error: new BaseError('VALIDATION_FAILED', 'A CPU worker must not list GPUs', { data: { models } }) };
  }
  if (hardware.kind === 'gpu' && models.length === 0) {
    return { kind: 'refused', error: new BaseError('VALIDATION_FAILED', 'A GPU worker must list at least one GPU') };
  }
  if (models.length > 1) {
    return {
      kind: 'refused',
      error: new BaseError('MIXED_GPU_MODELS', `One worker serves one GPU model, but this one reports ${models.length}: ${models.join(', ')}`, {
        data: { models },
        details: 'CUDA versions and resource management differ per model, so each model needs its own worker. Start one worker per model, e.g. `tgrid worker start --gpu-model "<model>"`.',
      }),
    };
  }
  return { kind: 'accepted', gpuModel: models[0] ?? null };
}

/** What a heartbeat does to a device's state. */
export type HeartbeatDecision = { kind: 'accepted'; state: DeviceState } | { kind: 'refused'; error: BaseError };

/**
 * The state a device moves to when a heartbeat arrives. A heartbeat proves liveness:
 * pending and down devices become available (hardware challenges gate this later);
 * busy stays busy; a blocked device is refused.
 * @param state - the device's current state
 * @param id - the device id, for the error message
 */
export function decideHeartbeat(state: DeviceState, id: string): HeartbeatDecision {
  switch (state) {
    case 'pending':
    case 'down':
    case 'available':
      return { kind: 'accepted', state: 'available' };
    case 'busy':
      return { kind: 'accepted', state: 'busy' };
    case 'blocked':
      return {
        kind: 'refused',
        error: new BaseError('DEVICE_BLOCKED', `Device ${id} is blocked and cannot report heartbeats`, { details: 'A blocked device was removed from the network; contact the network operators.' }),
      };
  }
}
