import { startAnvil, type StartAnvilParams } from '@tensorgrid/chain';

/** A running anvil for one test file. */
export interface AnvilFixture {
  /** HTTP JSON-RPC endpoint. */
  rpcUrl: string;
  /** The chain id it reports. */
  chainId: number;
  /** The port it listens on. */
  port: number;
  /** Stops anvil gracefully (it dumps state when started with a statePath). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts anvil on a free port on 127.0.0.1 for a test. Call it in `beforeAll` and always
 * `await fixture.stop()` in `afterAll`.
 * @example
 * ```ts
 * let anvil: AnvilFixture;
 * beforeAll(async () => { anvil = await withAnvil(); });
 * afterAll(async () => { await anvil?.stop(); });
 * ```
 * @param params - optional anvil settings (state file, chain id, block time, extra flags)
 * @returns the RPC URL, chain id, port and `stop()`
 */
export async function withAnvil(params: Omit<StartAnvilParams, 'host'> = {}): Promise<AnvilFixture> {
  const anvil = await startAnvil(params);
  return { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, port: anvil.port, stop: anvil.stop };
}
