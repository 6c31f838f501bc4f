import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * A device's hardware class on Staking: keccak256 of its GPU model's name ("cpu" for a CPU
 * worker). The class's multiplier (set by the admin, `Staking.setClassMultiplier`) scales
 * the minimum stake; an unset class needs the base minimum.
 * @param device - its GPU model, or null for a CPU worker
 */
export function hardwareClassOf(device: { gpuModel: string | null }): `0x${string}` {
  return `0x${bytesToHex(keccak_256(utf8ToBytes(device.gpuModel ?? 'cpu')))}`;
}
