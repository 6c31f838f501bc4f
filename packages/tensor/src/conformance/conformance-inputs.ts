import { sha256 } from '@noble/hashes/sha2';
import { utf8ToBytes } from '@noble/hashes/utils';
import { createPrfStream } from '../prf/prf-stream';

/** The fixed seed every conformance input is drawn from. */
export const CONFORMANCE_SEED = sha256(utf8ToBytes('tensorgrid/conformance/v1'));

/**
 * n float32 values uniform in [−scale, scale) from PRF(CONFORMANCE_SEED, label).
 * @param label - which input
 * @param shape - how many values and their range
 */
export function conformanceFloats(label: string, shape: { n: number; scale: number }): Float32Array {
  const rng = createPrfStream({ seed: CONFORMANCE_SEED, label });
  const out = new Float32Array(shape.n);
  for (let i = 0; i < shape.n; i++) out[i] = shape.scale * (2 * rng.nextFloat() - 1);
  return out;
}

/**
 * Concatenated little-endian bytes of float32 or float64 vectors (a case's output).
 * @param parts - the vectors, in order
 */
export function outputBytes(parts: readonly (Float32Array | Float64Array | Uint32Array)[]): Uint8Array {
  const total = parts.reduce((s, p) => s + p.length * (p instanceof Float64Array ? 8 : 4), 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const v = p[i]!;
      if (p instanceof Float64Array) {
        if (v !== v) view.setUint32(at + 4, 0x7ff80000, true);
        else view.setFloat64(at, v, true);
        at += 8;
      } else {
        if (p instanceof Uint32Array) view.setUint32(at, v, true);
        else if (v !== v) view.setUint32(at, 0x7fc00000, true);
        else view.setFloat32(at, v, true);
        at += 4;
      }
    }
  }
  return out;
}
