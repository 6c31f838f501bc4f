/**
 * The worker agent's states:
 * - `INITIALIZED`: built, not started.
 * - `REGISTERING`: signing and sending its registration; retries retryable failures.
 * - `IDLE`: registered, sending heartbeats, waiting for work.
 * - `RUNNING`: executing a job (job execution arrives with the job market).
 * - `DRAINING`: stopping: refuses new work, finishes what it holds.
 * - `STOPPED`: stopped cleanly.
 * - `FAILED`: stopped on an error that a retry cannot fix (e.g. the device was blocked).
 */
export type AgentState = 'INITIALIZED' | 'REGISTERING' | 'IDLE' | 'RUNNING' | 'DRAINING' | 'STOPPED' | 'FAILED';

/** What happens to an agent. */
export type AgentEvent =
  | { type: 'start' }
  | { type: 'registered' }
  | { type: 'job-started' }
  | { type: 'job-finished' }
  | { type: 'lost-registration' }
  | { type: 'stop' }
  | { type: 'drained' }
  | { type: 'fatal' };

/** The result of a transition: the next state, or a refusal for an event that makes no sense now. */
export type AgentTransition = { kind: 'moved'; state: AgentState } | { kind: 'ignored'; reason: string };

const TERMINAL: ReadonlySet<AgentState> = new Set(['STOPPED', 'FAILED']);

/**
 * The agent's transition function (pure).
 * @param state - the current state
 * @param event - what happened
 */
export function transition(state: AgentState, event: AgentEvent): AgentTransition {
  const moved = (next: AgentState): AgentTransition => ({ kind: 'moved', state: next });
  if (TERMINAL.has(state)) return { kind: 'ignored', reason: `agent is ${state}` };
  switch (event.type) {
    case 'start':
      return state === 'INITIALIZED' ? moved('REGISTERING') : { kind: 'ignored', reason: 'already started' };
    case 'registered':
      return state === 'REGISTERING' ? moved('IDLE') : { kind: 'ignored', reason: `not registering (${state})` };
    case 'job-started':
      return state === 'IDLE' ? moved('RUNNING') : { kind: 'ignored', reason: `cannot take work while ${state}` };
    case 'job-finished':
      return state === 'RUNNING' ? moved('IDLE') : state === 'DRAINING' ? moved('STOPPED') : { kind: 'ignored', reason: `no job running (${state})` };
    case 'lost-registration':
      return state === 'IDLE' || state === 'RUNNING' ? moved('REGISTERING') : { kind: 'ignored', reason: `not registered (${state})` };
    case 'stop':
      return state === 'RUNNING' ? moved('DRAINING') : state === 'DRAINING' ? { kind: 'ignored', reason: 'already draining' } : moved('STOPPED');
    case 'drained':
      return state === 'DRAINING' ? moved('STOPPED') : { kind: 'ignored', reason: `not draining (${state})` };
    case 'fatal':
      return moved('FAILED');
  }
}
