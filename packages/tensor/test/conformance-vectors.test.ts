import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertConformance, checkConformance, computeConformanceVectors } from '../src/conformance/check-conformance';
import { CONFORMANCE_VECTORS } from '../src/conformance/conformance-vectors';

describe('conformance vectors', () => {
  it('the committed vectors are what this build computes (regenerate with scripts/write-conformance-vectors.ts only for an intended numerical change)', () => {
    expect(computeConformanceVectors()).toEqual(CONFORMANCE_VECTORS);
    expect(CONFORMANCE_VECTORS.map((v) => v.name)).toEqual(expect.arrayContaining(['math/exp32', 'math/log32', 'math/sqrt32', 'kernels/dense', 'kernels/conv2d-valid', 'kernels/softmax-cross-entropy', 'optim/adam', 'training/mlp-sgd-20']));
  });

  it('checkConformance passes with the default and with node:crypto as the state hash', () => {
    expect(checkConformance()).toEqual({ passed: true, failures: [] });
    const native = (): { update(b: Uint8Array): unknown; digest(): Uint8Array } => createHash('sha256');
    expect(checkConformance({ hashes: { sha256: native } })).toEqual({ passed: true, failures: [] });
  });

  it('fails loudly, naming the training runs, when the state hash is not SHA-256', () => {
    const wrong = (): { update(b: Uint8Array): unknown; digest(): Uint8Array } => createHash('sha512-256');
    const result = checkConformance({ hashes: { sha256: wrong } });
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.name)).toEqual(['training/mlp-sgd-20', 'training/cnn-adam-20']);
  });

  it('checks an injected BLAKE3 against the BLAKE3 run only (a BLAKE3 spec hashes with it)', () => {
    const notBlake3 = (): { update(b: Uint8Array): unknown; digest(): Uint8Array } => createHash('sha256');
    const result = checkConformance({ hashes: { blake3: notBlake3 } });
    expect(result.failures.map((f) => f.name)).toEqual(['training/mlp-sgd-20-blake3']);
  });

  it('assertConformance counts the vectors, or throws KERNEL_NONCONFORMANT naming the failures', () => {
    expect(assertConformance()).toBe(CONFORMANCE_VECTORS.length);
    const wrong = (): { update(b: Uint8Array): unknown; digest(): Uint8Array } => createHash('sha512-256');
    let thrown: unknown;
    try {
      assertConformance({ hashes: { sha256: wrong } });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'KERNEL_NONCONFORMANT', message: expect.stringContaining('2 of the') });
    expect((thrown as { data: { failures: { name: string }[] } }).data.failures.map((f) => f.name)).toEqual(['training/mlp-sgd-20', 'training/cnn-adam-20']);
  });
});
