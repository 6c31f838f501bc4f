import { accountBeneficiary, readStake, setDevice, type WalletChainClients } from '@tensorgrid/chain';
import type { Address, Hex } from 'viem';
import type { StakingRegistry } from './device-chain-registrar';

/**
 * Staking's device registry over viem, sending with the coordinator's registrar key.
 * @param params - clients (with the registrar's wallet) and the Staking address
 */
export function createViemStakingRegistry(params: { clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>; staking: Address }): StakingRegistry {
  return {
    async deviceOf(deviceId) {
      const info = await readStake(params.clients.publicClient, { staking: params.staking, device: accountBeneficiary(deviceId as Address) });
      return { owner: info.owner, hardwareClass: info.hardwareClass };
    },
    async setDevice(input) {
      await setDevice(params.clients, { staking: params.staking, device: accountBeneficiary(input.deviceId as Address), owner: input.owner as Address, hardwareClass: input.hardwareClass as Hex });
    },
  };
}
