/**
 * Everything that determines the rest of a run after `step` steps: the parameters and the
 * optimizer's slots (SGD: velocity; Adam: m, v), each a float32 vector of parameter size.
 * Treated as immutable: a step returns a new state.
 */
export interface TrainingState {
  step: number;
  params: Float32Array;
  slots: Float32Array[];
}

/**
 * A deep copy (checkpoints must not share buffers with the running state).
 * @param state - any state
 */
export function cloneState(state: TrainingState): TrainingState {
  return { step: state.step, params: state.params.slice(), slots: state.slots.map((s) => s.slice()) };
}
