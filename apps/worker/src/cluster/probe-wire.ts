/**
 * The TCP exchange between a cluster prober and a peer's probe listener (both ends are
 * worker agents; the coordinator only introduces them):
 *
 *   prober                                  listener
 *   token (32 bytes)                  →     unknown or used token: the connection is dropped
 *                                     ←     ACCEPTED
 *   PING + 8 random bytes             →
 *                                     ←     PING + the same 8 bytes          (repeated; timed)
 *   BULK + uint32 n + n random bytes  →
 *                                     ←     ACK + SHA-256 of the n bytes     (once; timed)
 *
 * The listener's SHA-256 proves to the prober that the bytes arrived; the listener's receipt
 * (what it received, per token) lets the coordinator check the prober's report.
 */
export const PROBE_WIRE = {
  TOKEN_BYTES: 32,
  ACCEPTED: 0x4b,
  PING: 0x50,
  PING_BYTES: 8,
  BULK: 0x42,
  ACK: 0x41,
  HASH_BYTES: 32,
} as const;
