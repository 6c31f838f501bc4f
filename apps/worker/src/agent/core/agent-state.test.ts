import { describe, expect, it } from 'vitest';
import { transition, type AgentEvent, type AgentState } from './agent-state';

function run(events: AgentEvent['type'][], from: AgentState = 'INITIALIZED'): AgentState {
  let state = from;
  for (const type of events) {
    const next = transition(state, { type } as AgentEvent);
    if (next.kind === 'moved') state = next.state;
  }
  return state;
}

describe('worker agent state machine', () => {
  it('registers, idles, runs a job and stops', () => {
    expect(run(['start'])).toBe('REGISTERING');
    expect(run(['start', 'registered'])).toBe('IDLE');
    expect(run(['start', 'registered', 'job-started'])).toBe('RUNNING');
    expect(run(['start', 'registered', 'job-started', 'job-finished', 'stop'])).toBe('STOPPED');
  });

  it('drains a running job before stopping', () => {
    expect(run(['start', 'registered', 'job-started', 'stop'])).toBe('DRAINING');
    expect(run(['start', 'registered', 'job-started', 'stop', 'job-started'])).toBe('DRAINING');
    expect(run(['start', 'registered', 'job-started', 'stop', 'job-finished'])).toBe('STOPPED');
  });

  it('registers again after losing its registration', () => {
    expect(run(['start', 'registered', 'lost-registration'])).toBe('REGISTERING');
  });

  it('stays in a terminal state', () => {
    expect(transition('FAILED', { type: 'start' })).toEqual({ kind: 'ignored', reason: 'agent is FAILED' });
    expect(run(['start', 'fatal', 'registered'])).toBe('FAILED');
    expect(run(['stop', 'start'])).toBe('STOPPED');
  });

  it('ignores events that make no sense now, saying why', () => {
    expect(transition('INITIALIZED', { type: 'job-started' })).toMatchObject({ kind: 'ignored' });
    expect(transition('IDLE', { type: 'registered' })).toMatchObject({ kind: 'ignored', reason: 'not registering (IDLE)' });
  });
});
