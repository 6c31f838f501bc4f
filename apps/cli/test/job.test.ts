/**
 * `tgrid job list` and `tgrid job show` against a real coordinator whose job index (real
 * SQLite) holds jobs as the indexer writes them.
 */
import { createJobIndexStore } from '@tensorgrid/db';
import type { IndexedJob } from '@tensorgrid/domain';
import type { JobDetailResponse, ListJobsResponse } from '@tensorgrid/protocol';
import { startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { createProgram } from '../src/program';
import { runCli } from './run-cli';

const GRID = 10n ** 18n;
const NODE = '0x00000000000000000000000000000000000000bb';
const [CANARY, CANARY2, V1, V2] = ['0x00000000000000000000000000000000000000c0', '0x00000000000000000000000000000000000000c2', '0x00000000000000000000000000000000000000d1', '0x00000000000000000000000000000000000000d2'];
const job = (id: number, fee: bigint, patch: Partial<IndexedJob> = {}): IndexedJob => ({
  jobId: BigInt(id), state: 'posted', requester: '0x00000000000000000000000000000000000000aa', node: null, verifier: null, whistleblower: null,
  specHash: `0x${'11'.repeat(32)}`, resultRoot: null, evidence: null, fee: fee * GRID, gas: 10n * GRID, deposit: 0n, bond: 0n,
  deadline: 2_000_000_000 + id, challengeEndsAt: null, verdictDay: null, postedBlock: id, updatedBlock: 9, ...patch,
});

describe('tgrid job list / show', () => {
  let coord: TestCoordinator;
  const cli = (args: string[]) => runCli([...args, '--coordinator', coord.url]);

  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite');
    await createJobIndexStore(coord.database.db).applyBatch({
      cursor: { contract: '0x00000000000000000000000000000000000000f1', block: 9 },
      jobs: [
        job(1, 20n), job(2, 90n), job(3, 50n, { state: 'accepted', node: NODE, deposit: 10n * GRID }),
        // A canary bot's nodes' jobs (posted early, so the newest is still job 3): verifier V1 caught
        // two and passed one, V2 passed one and caught one; one has no verdict yet.
        ...([['failed', V1], ['rejected', V1], ['slashed', V1], ['verified', V2], ['submitted', null]] as const)
          .map(([state, verifier], i) => job(11 + i, 50n, { state, node: CANARY, verifier, postedBlock: 1 })),
        job(16, 50n, { state: 'rejected', node: CANARY2, verifier: V2, postedBlock: 1 }),
      ],
      events: [
        { jobId: 3n, name: 'JobPosted', block: 3, logIndex: 0, txHash: `0x${'aa'.repeat(32)}`, args: { fee: (50n * GRID).toString() } },
        { jobId: 3n, name: 'JobAccepted', block: 5, logIndex: 1, txHash: `0x${'bb'.repeat(32)}`, args: { node: NODE, deposit: (10n * GRID).toString() } },
      ],
    });
  });
  afterAll(async () => coord?.close());

  it('lists posted jobs by best fee per gas, as JSON and as a table with a next-page hint', async () => {
    const json = await cli(['job', 'list', '--state', 'posted', '--sort', 'fee-per-gas', '--json']);
    expect(json.exitCode).toBe(0);
    const page = JSON.parse(json.stdout) as ListJobsResponse;
    expect(page.jobs.map((j) => [j.id, j.feePerGas])).toEqual([['2', 9], ['1', 2]]);
    expect(page.indexedBlock).toBe(9);

    const table = await cli(['job', 'list', '--limit', '1']);
    expect(table.stdout).toMatch(/ID\s+STATE\s+FEE\s+GAS\s+FEE\/GAS/);
    expect(table.stdout).toContain('50 GRID');
    expect(table.stdout).toContain('More: tgrid job list --sort newest --after 16~16'); // the newest job is the last canary
  });

  it('shows one job with its node, deposit and history', async () => {
    const json = JSON.parse((await cli(['job', 'show', '3', '--json'])).stdout) as JobDetailResponse;
    expect(json.job).toMatchObject({ id: '3', state: 'accepted', node: NODE, deposit: (10n * GRID).toString() });
    expect(json.events.map((e) => e.name)).toEqual(['JobPosted', 'JobAccepted']);
    const text = (await cli(['job', 'show', '3'])).stdout;
    expect(text).toContain(`${NODE}, deposit 10 GRID`);
    expect(text).toMatch(/block\s+5\s+accepted\s+JobAccepted/);
  });

  it('scores each verifier on a canary bot\'s nodes\' jobs: caught, approved and diligence with its interval', async () => {
    const json = await cli(['job', 'canaries', '--node', CANARY, CANARY2, '--json']);
    expect(json.exitCode).toBe(0);
    const out = JSON.parse(json.stdout) as { nodes: string[]; canaries: number; pending: number; verifiers: { verifier: string; canaries: number; caught: number; approved: number; diligence: { rate: number } }[] };
    expect(out).toMatchObject({ nodes: [CANARY, CANARY2], canaries: 6, pending: 1 });
    expect(out.verifiers.map(({ verifier, canaries, caught, approved }) => ({ verifier, canaries, caught, approved }))).toEqual([
      { verifier: V1, canaries: 3, caught: 2, approved: 1 },
      { verifier: V2, canaries: 2, caught: 1, approved: 1 },
    ]);
    // One node alone: its canaries only.
    const one = JSON.parse((await cli(['job', 'canaries', '--node', CANARY, '--json'])).stdout) as typeof out;
    expect(one).toMatchObject({ nodes: [CANARY], canaries: 5, pending: 1 });
    expect(one.verifiers.find((v) => v.verifier === V2)).toMatchObject({ canaries: 1, caught: 0 });
    const table = (await cli(['job', 'canaries', '--node', CANARY, CANARY2])).stdout;
    expect(table).toMatch(/VERIFIER\s+CANARIES\s+CAUGHT\s+APPROVED\s+DILIGENCE/);
    expect(table).toContain('66.7 % [');
    expect(table).toContain('6 canaries, 1 without a verdict yet.');
    expect((await cli(['job', 'canaries', '--node', `0x${'e'.repeat(40)}`])).stdout).toContain('No jobs taken by');
    const bad = await cli(['job', 'canaries', '--node', CANARY, 'nobody']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('VALIDATION_FAILED');
  });

  it('says what is wrong with an unknown job, a bad id or a bad filter', async () => {
    const missing = await cli(['job', 'show', '77']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('JOB_NOT_FOUND');
    const badId = await cli(['job', 'show', 'abc', '--json']);
    expect(badId.exitCode).toBe(1);
    expect(JSON.parse(badId.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const badAfter = await cli(['job', 'list', '--sort', 'deadline', '--after', 'nonsense']);
    expect(badAfter.exitCode).toBe(1);
    expect(badAfter.stderr).toContain('VALIDATION_FAILED');
  });
});

describe('tgrid job --help', () => {
  const help = async (args: string[]) => {
    const out: string[] = [];
    const ctx = { env: {}, cwd: process.cwd(), stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) }, waitForSignal: () => new Promise<string>(() => undefined), setExitCode: () => undefined };
    const program = createProgram(ctx);
    const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
    for (const c of all(program)) c.exitOverride().configureOutput({ writeOut: (t) => void out.push(t), writeErr: (t) => void out.push(t) });
    await program.parseAsync(['node', 'tgrid', ...args, '--help']).catch((err: unknown) => expect(err).toMatchObject({ exitCode: 0 }));
    return out.join('');
  };

  it('explains submit (flags, local datasets, gas, examples) and result (the states)', async () => {
    const submit = await help(['job', 'submit']);
    for (const text of ['--fee <GRID>', '--deadline <when>', '"location": { "file": "data.csv" }', 'Gas = ceil(estimated GFLOP)', 'examples/jobs/iris-mlp.json']) expect(submit).toContain(text);
    expect(await help(['job', 'result'])).toContain('posted → accepted → submitted → verified → settled');
  });

  it('explains calibrate (tolerant mode, the flags, writing τ into the spec)', async () => {
    const calibrate = await help(['job', 'calibrate']);
    for (const text of ['--states <n>', '--factor <c>', '--max-steps <n>', '--write', 'τ = --factor × the largest ε', 'tgrid job calibrate my-job.json --states 32 --factor 10 --write']) expect(calibrate).toContain(text);
  });
});
