import type { Socket } from 'node:net';
import { BaseError, isBaseError } from '@tensorgrid/protocol';

/** Reads exact byte counts from a socket. */
export interface SocketReader {
  /** The next `n` bytes; rejects when the socket closes or fails first. */
  read(n: number): Promise<Buffer>;
}

/**
 * Buffers a socket's data so that a request/answer exchange can await exactly the bytes it
 * expects. One read at a time.
 * @param socket - a connected (or connecting) socket
 */
export function createSocketReader(socket: Socket): SocketReader {
  let buffered = Buffer.alloc(0);
  let waiter: { n: number; resolve: (b: Buffer) => void; reject: (e: unknown) => void } | undefined;
  let failure: unknown;
  const settle = () => {
    if (!waiter) return;
    if (buffered.length >= waiter.n) {
      const { n, resolve } = waiter;
      waiter = undefined;
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(n);
      resolve(out);
    } else if (failure) {
      const { reject } = waiter;
      waiter = undefined;
      reject(failure);
    }
  };
  socket.on('data', (data) => {
    buffered = buffered.length ? Buffer.concat([buffered, data]) : data;
    settle();
  });
  const fail = (cause?: unknown) => {
    failure ??= cause ?? new BaseError('NETWORK_ERROR', 'The peer closed the connection');
    settle();
  };
  socket.on('close', () => fail());
  socket.on('error', (cause) => fail(isBaseError(cause) ? cause : new BaseError('NETWORK_ERROR', `Connection to the peer failed: ${cause.message}`, { cause })));
  return {
    read: (n) =>
      new Promise<Buffer>((resolve, reject) => {
        waiter = { n, resolve, reject };
        settle();
      }),
  };
}
