import { BaseError } from '@tensorgrid/protocol';
import { float32Bytes } from './float32-bytes';
import type { TrainingState } from './training-state';

const MAGIC = 0x31535447; // "GTS1" little-endian
const HEADER = 16;

function invalid(message: string): BaseError {
  return new BaseError('VALIDATION_FAILED', `Invalid training state: ${message}`);
}

/**
 * A state as bytes, for checkpoints on disk and openings sent to a verifier or referee:
 * u32le magic "GTS1" ‖ u32le step ‖ u32le P ‖ u32le S ‖ params (P float32 LE) ‖ S slots
 * (each P float32 LE). NaNs are canonical, as in the state hash.
 * @param state - any state
 */
export function encodeTrainingState(state: TrainingState): Uint8Array {
  const P = state.params.length;
  const out = new Uint8Array(HEADER + 4 * P * (1 + state.slots.length));
  const view = new DataView(out.buffer);
  [MAGIC, state.step, P, state.slots.length].forEach((n, i) => view.setUint32(4 * i, n, true));
  out.set(float32Bytes(state.params), HEADER);
  state.slots.forEach((slot, i) => {
    if (slot.length !== P) throw new RangeError('every optimizer slot must have one value per parameter');
    out.set(float32Bytes(slot), HEADER + 4 * P * (1 + i));
  });
  return out;
}

/**
 * The state in `bytes` ({@link encodeTrainingState}); VALIDATION_FAILED for anything else.
 * The shapes are checked against a job by `Trainer.checkState` before use.
 * @param bytes - untrusted bytes
 */
export function decodeTrainingState(bytes: Uint8Array): TrainingState {
  if (bytes.length < HEADER) throw invalid('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, step, P, S] = [0, 1, 2, 3].map((i) => view.getUint32(4 * i, true)) as [number, number, number, number];
  if (magic !== MAGIC) throw invalid('not a GTS1 state');
  if (S > 16 || bytes.length !== HEADER + 4 * P * (1 + S)) throw invalid(`length ${bytes.length} does not fit ${P} parameters and ${S} slots`);
  const read = (k: number): Float32Array => {
    const v = new Float32Array(P);
    for (let i = 0; i < P; i++) v[i] = view.getFloat32(HEADER + 4 * (k * P + i), true);
    return v;
  };
  return { step, params: read(0), slots: Array.from({ length: S }, (_, s) => read(s + 1)) };
}
