import { describe, expect, it } from 'vitest';
import { readFixture } from '../fixtures/read-fixture';
import { foreignProcesses, parseComputeApps } from './parse-compute-apps';

describe('parseComputeApps', () => {
  it('parses nvidia-smi compute apps CSV', () => {
    expect(parseComputeApps(readFixture('compute-apps.csv'))).toEqual([
      { pid: 2211, name: '/opt/tensorgrid/venv/bin/python3' },
      { pid: 3184, name: 'xmrig' },
      { pid: 40712, name: '/usr/lib/xorg/Xorg' },
    ]);
  });
  it('reads nothing from an empty list or a message', () => {
    expect(parseComputeApps('pid, process_name\n')).toEqual([]);
    expect(parseComputeApps('No running processes found\n')).toEqual([]);
  });
  it('keeps only processes the agent did not start', () => {
    expect(foreignProcesses(parseComputeApps(readFixture('compute-apps.csv')), new Set([2211, 40712]))).toEqual([{ pid: 3184, name: 'xmrig' }]);
  });
});
