import { addressSchema, parseOrThrow } from '@tensorgrid/protocol';
import { createCoordinatorClient, getDevice, getExplorerDevice } from '@tensorgrid/sdk';
import { Command } from 'commander';
import type { CliContext } from '../../context';
import { describeHardware } from '../../output/describe-hardware';
import { describeStanding } from '../../output/describe-standing';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../../coordinator-options';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

/**
 * `tgrid devices show <id>`: one device in full.
 * @param ctx - the CLI context
 */
export function devicesShowCommand(ctx: CliContext): Command {
  return withCoordinatorOptions(
    new Command('show')
      .description('Show one device: state, hardware, heartbeats, location, tier, scores and uptime')
      .argument('<id>', 'device id (the worker address)')
  ).action(
    withErrors(ctx, async (id: string, raw: unknown) => {
      const opts = parseOrThrow(coordinatorFlagsSchema, raw, 'options');
      const deviceId = parseOrThrow(addressSchema, id, 'device id');
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      const [device, explorer] = await Promise.all([getDevice(client, { id: deviceId }), getExplorerDevice(client, { id: deviceId })]);
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ ...device, explorer })}\n`);
      const h = device.hardware;
      const lines: [string, string][] = [
        ['Device', device.id],
        ['State', `${device.state} (since ${device.stateChangedAt})`],
        ['Operator', device.operator ?? '-'],
        ['Hardware', describeHardware(h)],
        ['OS', `${h.os.distro} ${h.os.release} (${h.os.platform}/${h.os.arch})`],
        ['Disk', `${(h.disk.freeBytes / 2 ** 30).toFixed(0)} GiB free of ${(h.disk.totalBytes / 2 ** 30).toFixed(0)} GiB`],
        ...h.gpus.map((g): [string, string] => [`GPU ${g.index}`, `${g.model}, ${g.vramMiB} MiB${g.nvlink ? ', NVLink' : ''}`]),
        ...(h.driverVersion ? [['Driver', `${h.driverVersion}${h.cudaVersion ? `, CUDA ${h.cudaVersion}` : ''}`] as [string, string]] : []),
        ['Registered', device.registeredAt],
        ['Heartbeats', `${device.heartbeatSeq}, last ${device.lastHeartbeatAt ?? 'never'}`],
        ['Simulated', device.simulated ? 'yes' : 'no'],
        ...describeStanding(explorer),
      ];
      ctx.stdout.write(lines.map(([k, v]) => `${k.padEnd(11)} ${v}`).join('\n') + '\n');
    }),
  );
}
