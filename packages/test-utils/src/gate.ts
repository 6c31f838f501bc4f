/**
 * A promise with its resolve and reject, to hold a run open while the test looks around
 * (e.g. a tick lock held by another replica until the test releases it).
 */
export function gate<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (err: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
