import { arch, cpus } from 'node:os';
import { checkConformance, CONFORMANCE_VECTOR_COUNT } from '@tensorgrid/tensor';
import { nativeBlake3, nativeHashes } from '@tensorgrid/tensor/native';
import { Command } from 'commander';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';

/**
 * `tgrid worker check`: runs the training conformance vectors as the worker does at start
 * (canonical kernels, the native state hashes), so a supplier knows before staking whether this
 * machine may take exact-mode jobs. Exit code 1 when any vector fails.
 * @param ctx - the CLI context
 */
export function workerCheckCommand(ctx: CliContext): Command {
  return new Command('check')
    .description('Check that this machine reproduces the training conformance vectors (bit-exact kernels and state hashes), as the worker does at start')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nA machine that fails would compute honest training steps that hash differently from every other node\'s: the worker then takes no training jobs.')
    .action(
      withErrors(ctx, async (opts: { json?: boolean }) => {
        const started = process.cpuUsage();
        const { passed, failures } = checkConformance({ hashes: nativeHashes });
        const used = process.cpuUsage(started);
        const result = { passed, vectors: CONFORMANCE_VECTOR_COUNT, failures, node: process.version, arch: arch(), cpu: cpus()[0]?.model ?? 'unknown', cpuMs: Math.round((used.user + used.system) / 1000), nativeBlake3 };
        if (!passed) ctx.setExitCode(1);
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(result)}\n`);
        ctx.stdout.write(`Conformance vectors: ${result.vectors - failures.length} of ${result.vectors} reproduced (Node.js ${result.node}, ${result.arch}, ${result.cpu}; ${result.cpuMs} ms CPU)\n`);
        if (!nativeBlake3) ctx.stdout.write('BLAKE3 state hashes run on the pure fallback here (no @napi-rs/blake-hash binary for this platform): jobs naming stateHash "blake3" train slower.\n');
        if (passed) return void ctx.stdout.write('This machine may take exact-mode training jobs and verify them.\n');
        for (const f of failures) ctx.stdout.write(`  ✗ ${f.name}: expected ${f.expected ?? '(none)'}, got ${f.actual}\n`);
        ctx.stdout.write('The worker will take no training jobs here. Try another Node.js version or machine, and report the failing vectors with the line above.\n');
      }),
    );
}
