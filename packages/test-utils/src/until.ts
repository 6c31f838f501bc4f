/**
 * Polls `check` every 20 ms until it holds, for at most `timeoutMs`; then fails naming what it
 * waited for. For waiting on another process or socket in integration tests, never for timing.
 * @param check - the condition
 * @param what - what is awaited, for the error
 * @param timeoutMs - the limit @default 10000
 */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  for (const stop = Date.now() + timeoutMs; Date.now() < stop; ) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
}
