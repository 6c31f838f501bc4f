import { keccak256, stringToHex, type Hex } from 'viem';

/**
 * A device's hardware class on Staking: keccak256 of its GPU model's name ("cpu" for a CPU
 * worker). The class's multiplier (set by the admin, `Staking.setClassMultiplier`) scales
 * the minimum stake; an unset class needs the base minimum.
 * @param device - its GPU model, or null for a CPU worker
 */
export function hardwareClassOf(device: { gpuModel: string | null }): Hex {
  return keccak256(stringToHex(device.gpuModel ?? 'cpu'));
}
