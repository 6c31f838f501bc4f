import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEther, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { ANVIL_DEV_KEYS } from './anvil/dev-keys';
import { startAnvil, type AnvilInstance } from './anvil/start-anvil';
import { createChainClients, type WalletChainClients } from './clients';
import { gridTokenAbi } from './generated/artifacts';
import { deployGridToken } from './actions/deploy-grid-token';

describe('sends from one account, in flight at once (anvil)', () => {
  let anvil: AnvilInstance;
  let sender: WalletChainClients;
  let again: WalletChainClients;

  beforeAll(async () => {
    anvil = await startAnvil();
    const base = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, pollingIntervalMs: 50 };
    sender = createChainClients({ ...base, privateKey: ANVIL_DEV_KEYS[3]! });
    // A second set of clients for the same key (as two parts of one process would make): same lane.
    again = createChainClients({ ...base, privateKey: ANVIL_DEV_KEYS[3]! });
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('all succeed, with consecutive nonces, across clients of the same key and kinds of send', async () => {
    const start = await sender.publicClient.getTransactionCount({ address: sender.account.address });
    const { address: token } = await deployGridToken(sender, { treasury: sender.account.address, admin: sender.account.address });
    const to = Array.from({ length: 8 }, () => privateKeyToAccount(generatePrivateKey()).address);
    const hashes: Hash[] = await Promise.all([
      ...to.slice(0, 4).map((address, i) => (i % 2 ? again : sender).walletClient.sendTransaction({ to: address, value: parseEther('1') })),
      ...to.slice(4).map((address, i) => (i % 2 ? again : sender).walletClient.writeContract({ address: token, abi: gridTokenAbi, functionName: 'transfer', args: [address, 5n] })),
    ]);
    const receipts = await Promise.all(hashes.map((hash) => sender.publicClient.waitForTransactionReceipt({ hash })));
    expect(receipts.map((r) => r.status)).toEqual(Array(8).fill('success'));
    const nonces = await Promise.all(hashes.map(async (hash) => (await sender.publicClient.getTransaction({ hash })).nonce));
    // The deployment took `start`; the eight took the eight after it, each once.
    expect([...nonces].sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => start + 1 + i));
    for (const address of to.slice(0, 4)) expect(await sender.publicClient.getBalance({ address })).toBe(parseEther('1'));
    for (const address of to.slice(4)) expect(await sender.publicClient.readContract({ address: token, abi: gridTokenAbi, functionName: 'balanceOf', args: [address] })).toBe(5n);
  });

  it('a send that fails before it reaches the node costs no nonce: the next one still goes through', async () => {
    const before = await sender.publicClient.getTransactionCount({ address: sender.account.address });
    const tooMuch = sender.walletClient.sendTransaction({ to: privateKeyToAccount(generatePrivateKey()).address, value: parseEther('1000000000') });
    const fine = sender.walletClient.sendTransaction({ to: privateKeyToAccount(generatePrivateKey()).address, value: 1n });
    await expect(tooMuch).rejects.toThrow(/insufficient funds|exceeds the balance/i);
    const receipt = await sender.publicClient.waitForTransactionReceipt({ hash: await fine });
    expect(receipt.status).toBe('success');
    expect(await sender.publicClient.getTransactionCount({ address: sender.account.address })).toBe(before + 1);
  });
});
