import type { Hardware } from '@tensorgrid/protocol';
import { keccak256, stringToHex, type Hex } from 'viem';
import type { SimulatedDevice } from './plan-simulated-fleet';

/**
 * The hardware a simulated device claims. Its cards carry `GPU-SIM-…` uuids and its CPU
 * model says "simulated", so nobody mistakes the report for a probe of real hardware (the
 * registry flags the device as simulated too).
 * @param device - the planned device
 */
export function simulatedHardware(device: SimulatedDevice): Hardware {
  const gpus = device.gpuModel
    ? Array.from({ length: device.gpuCount }, (_, i) => ({ index: i, vendor: 'nvidia' as const, model: device.gpuModel!, vramMiB: device.vramMiB, nvlink: device.gpuCount >= 4, uuid: `GPU-SIM-${device.index}-${i}` }))
    : [];
  return {
    kind: gpus.length ? 'gpu' : 'cpu',
    cpu: { model: 'Simulated x86-64 CPU', cores: device.cpuCores, threads: device.cpuCores * 2 },
    memoryBytes: device.memoryBytes,
    disk: { totalBytes: 2 * 10 ** 12, freeBytes: 10 ** 12 },
    os: { platform: 'linux', distro: 'Simulated', release: '1', arch: 'x64' },
    gpus,
    ...(gpus.length ? { driverVersion: '550.54.15', cudaVersion: '12.4' } : {}),
  };
}

/**
 * A simulated device's worker key and its operator's key, derived from the fleet seed, so a
 * restarted devnet brings the same identities back. Only for simulated devices: a real
 * worker's key is random and kept at 0600.
 * @param seed - the fleet seed
 * @param device - the planned device
 */
export function simulatedKeys(seed: number, device: Pick<SimulatedDevice, 'index' | 'operator'>): { worker: Hex; operator: Hex } {
  return {
    worker: keccak256(stringToHex(`tensorgrid-simulated-worker:${seed}:${device.index}`)),
    operator: keccak256(stringToHex(`tensorgrid-simulated-operator:${seed}:${device.operator}`)),
  };
}
