import { describe, expect, it } from 'vitest';
import { hardwareSchema, isBaseError } from '@tensorgrid/protocol';
import { hardwareForWorker } from './core/hardware-for-worker';
import type { CommandResult, RunCommand } from './core/run-command';
import { selectGpus } from './core/split-by-gpu-model';
import { readFixture } from './fixtures/read-fixture';
import { probeHardware } from './probe-hardware';

/** A fake runner: answers from a table keyed by the command line; anything else is missing. */
function fakeRunner(answers: Record<string, string | Error>): RunCommand & { calls: string[] } {
  const calls: string[] = [];
  const run = async (cmd: string, args: readonly string[]): Promise<CommandResult> => {
    const line = [cmd, ...args].join(' ');
    calls.push(line);
    const answer = answers[line];
    if (answer instanceof Error) throw answer;
    return answer === undefined ? { missing: true } : { stdout: answer };
  };
  return Object.assign(run, { calls });
}

describe('probeHardware', () => {
  it('finds this machine CPU-only (no nvidia-smi here) and builds a valid CPU worker report', async () => {
    const probe = await probeHardware();
    expect(probe.gpus).toEqual([]);
    expect(probe.driverVersion).toBeUndefined();
    expect(probe.machine.cpu.cores).toBeGreaterThanOrEqual(1);
    expect(probe.machine.cpu.threads).toBeGreaterThanOrEqual(probe.machine.cpu.cores);
    expect(probe.machine.memoryBytes).toBeGreaterThan(0);
    expect(probe.machine.disk.totalBytes).toBeGreaterThan(0);
    expect(probe.machine.disk.freeBytes).toBeLessThanOrEqual(probe.machine.disk.totalBytes);
    const hardware = hardwareSchema.parse(hardwareForWorker(probe, []));
    expect(hardware.kind).toBe('cpu');
  });

  it('reads 8 H100s from an injected nvidia-smi', async () => {
    const run = fakeRunner({ 'nvidia-smi -q -x': readFixture('h100-80gb-hbm3-x8.xml') });
    const probe = await probeHardware({ runCommand: run, platform: 'linux' });
    expect(probe.gpus).toHaveLength(8);
    expect(probe.gpus.every((g) => g.model === 'NVIDIA H100 80GB HBM3' && g.vramMiB === 81559 && g.nvlink)).toBe(true);
    // Every card is on the NVLink fabric already: no need to ask nvlink --status.
    expect(run.calls).toEqual(['nvidia-smi -q -x']);
    const hardware = hardwareSchema.parse(hardwareForWorker(probe, probe.gpus));
    expect(hardware).toMatchObject({ kind: 'gpu', driverVersion: '535.129.03', cudaVersion: '12.2' });
  });

  it('adds NVLink from nvlink --status for the HGX A100', async () => {
    const run = fakeRunner({
      'nvidia-smi -q -x': readFixture('a100-sxm4-80gb-x8.xml'),
      'nvidia-smi nvlink --status': readFixture('a100-sxm4-80gb-x8.nvlink-status.txt'),
    });
    const probe = await probeHardware({ runCommand: run, platform: 'linux' });
    expect(probe.gpus.map((g) => g.nvlink)).toEqual(Array(8).fill(true));
  });

  it('ignores a failing nvlink --status', async () => {
    const run = fakeRunner({ 'nvidia-smi -q -x': readFixture('rtx-4090.xml'), 'nvidia-smi nvlink --status': new Error('exit 3') });
    const probe = await probeHardware({ runCommand: run, platform: 'linux' });
    expect(probe.gpus.map((g) => [g.model, g.nvlink])).toEqual([['NVIDIA GeForce RTX 4090', false]]);
  });

  it('refuses a mixed machine as one worker but serves each model alone', async () => {
    const run = fakeRunner({ 'nvidia-smi -q -x': readFixture('mixed-rtx-4090-rtx-3090.xml') });
    const probe = await probeHardware({ runCommand: run, platform: 'linux' });
    let code: string | undefined;
    try {
      hardwareForWorker(probe, probe.gpus);
    } catch (err) {
      code = isBaseError(err) ? err.code : undefined;
    }
    expect(code).toBe('MIXED_GPU_MODELS');
    const selection = selectGpus(probe.gpus, { model: 'RTX 3090' });
    if (selection.kind !== 'selected') throw new Error(`expected a selection, got ${selection.kind}`);
    expect(hardwareSchema.parse(hardwareForWorker(probe, selection.gpus)).gpus.map((g) => g.model)).toEqual(['NVIDIA GeForce RTX 3090']);
  });

  it('treats "No devices were found" as no GPUs, and other nvidia-smi failures as errors', async () => {
    const { BaseError } = await import('@tensorgrid/protocol');
    const failure = (output: string) => new BaseError('HARDWARE_PROBE_FAILED', 'nvidia-smi failed', { data: { output } });
    const none = await probeHardware({ runCommand: fakeRunner({ 'nvidia-smi -q -x': failure('No devices were found') }), platform: 'linux' });
    expect(none.gpus).toEqual([]);
    const broken = fakeRunner({ 'nvidia-smi -q -x': failure("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.") });
    await expect(probeHardware({ runCommand: broken, platform: 'linux' })).rejects.toMatchObject({ code: 'HARDWARE_PROBE_FAILED' });
  });

  it('probes Apple silicon through system_profiler on macOS', async () => {
    const run = fakeRunner({ 'system_profiler SPDisplaysDataType SPHardwareDataType -json': readFixture('apple-m2-max.system-profiler.json') });
    const probe = await probeHardware({ runCommand: run, platform: 'darwin' });
    expect(probe.gpus).toEqual([{ index: 0, vendor: 'apple', model: 'Apple M2 Max', vramMiB: 32768, nvlink: false }]);
    expect(run.calls).toEqual(['system_profiler SPDisplaysDataType SPHardwareDataType -json']);
    expect(hardwareSchema.parse(hardwareForWorker(probe, probe.gpus))).toMatchObject({ kind: 'gpu' });
  });

  it('measures the disk of a data directory that does not exist yet', async () => {
    const probe = await probeHardware({ runCommand: fakeRunner({}), platform: 'linux', dataDir: '/tmp/tensorgrid-probe-test/not/yet/made' });
    expect(probe.machine.disk.totalBytes).toBeGreaterThan(0);
  });
});
