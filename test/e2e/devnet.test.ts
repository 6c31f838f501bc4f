import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANVIL_DEV_KEYS, createChainClients, hasCode, postJob, readTokenInfo } from '@tensorgrid/chain';
import { createCoordinatorClient, getDevice, getHealth, getJobChallenge, listJobs, signRequest } from '@tensorgrid/sdk';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTgrid, startDevnet, type DevnetProcess } from './devnet-process';

/** Reads until `ok` holds: every 100 ms, 200 times unless `what` says how many (`{ what, tries }`). */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string | { what: string; tries: number }): Promise<T> {
  const { what: label, tries } = typeof what === 'string' ? { what, tries: 200 } : what;
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${label}`);
}

async function post(url: string, path: string, signed: { body: string; headers: Record<string, string> }) {
  const res = await fetch(url + path, { method: 'POST', body: signed.body, headers: { 'content-type': 'application/json', ...signed.headers } });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

describe('devnet end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tg-e2e-'));
  let devnet: DevnetProcess;
  let workerId: string;

  beforeAll(async () => {
    devnet = await startDevnet(dataDir, ['--heartbeat-interval-ms', '200', '--simulate', '4']);
    workerId = devnet.summary.workers[0]!.id;
  });
  afterAll(async () => {
    if (devnet?.child.exitCode === null) await devnet.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the chain with GridToken deployed and records every fact in devnet.json', async () => {
    const info = JSON.parse(readFileSync(join(dataDir, 'devnet.json'), 'utf8')) as Record<string, unknown>;
    expect(info).toMatchObject({ coordinatorUrl: devnet.summary.coordinatorUrl, rpcUrl: devnet.summary.rpcUrl, chainId: 31337, contracts: { GridToken: devnet.summary.contracts.GridToken } });
    const { publicClient } = createChainClients({ rpcUrl: devnet.summary.rpcUrl, chainId: 31337 });
    const token = await readTokenInfo(publicClient, { address: devnet.summary.contracts.GridToken! });
    expect(token).toMatchObject({ symbol: 'GRID', decimals: 18, totalSupply: 500_000_000n * 10n ** 18n, cap: 800_000_000n * 10n ** 18n });
    const names = ['GridToken', 'TestUSD', 'Staking', 'FeeVault', 'FixedPriceSwapAdapter', 'Leases', 'Rewards', 'ProofRegistry', 'JobMarket'];
    expect(Object.keys(devnet.summary.contracts).sort()).toEqual([...names].sort());
    for (const name of names) expect(await hasCode(publicClient, devnet.summary.contracts[name]!), name).toBe(true);
    // The deployment's first block is recorded (event scans start there): GridToken, deployed first, has code from it on.
    const deployBlock = BigInt(info.deployBlock as number);
    expect(await publicClient.getCode({ address: devnet.summary.contracts.GridToken!, blockNumber: deployBlock - 1n })).toBeUndefined();
    expect(await publicClient.getCode({ address: devnet.summary.contracts.GridToken!, blockNumber: deployBlock })).toMatch(/^0x[0-9a-f]{100,}$/);
    expect(await getHealth(createCoordinatorClient({ url: devnet.summary.coordinatorUrl }))).toMatchObject({ status: 'ok', chainId: 31337, storage: 'sqlite' });
    expect(devnet.stderr()).toContain('worker registered');
  });

  it('registers the local worker, which keeps its key at mode 0600 and sends advancing heartbeats', async () => {
    expect(statSync(join(dataDir, 'worker', 'cpu', 'worker.key')).mode & 0o777).toBe(0o600);
    const client = createCoordinatorClient({ url: devnet.summary.coordinatorUrl });
    const first = await until(() => getDevice(client, { id: workerId }), (d) => d.heartbeatSeq >= 1, 'a heartbeat');
    const later = await until(() => getDevice(client, { id: workerId }), (d) => d.heartbeatSeq >= first.heartbeatSeq + 3, 'three more heartbeats');
    expect(later.state).toBe('available');
    expect(later.lastHeartbeatAt! > first.lastHeartbeatAt!).toBe(true);
  });

  it('refuses a forged and a replayed heartbeat, changing nothing', async () => {
    const url = devnet.summary.coordinatorUrl;
    const client = createCoordinatorClient({ url });
    const path = `/v1/devices/${workerId}/heartbeats`;
    const body = JSON.stringify({ seq: 1_000_000 });
    const domain = await client.signingDomain();

    const forger = privateKeyToAccount(generatePrivateKey());
    const forged = await signRequest(forger, { method: 'POST', path, body, domain });
    expect(await post(url, path, { body, headers: { ...forged, 'x-tg-signer': workerId } })).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_INVALID' } } });
    const foreign = await signRequest(forger, { method: 'POST', path, body, domain });
    expect(await post(url, path, { body, headers: foreign })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await getDevice(client, { id: workerId })).heartbeatSeq).toBeLessThan(1_000_000);

    // A heartbeat the worker's own key signed, captured and sent twice.
    const workerKey = readFileSync(join(dataDir, 'worker', 'cpu', 'worker.key'), 'utf8').trim() as `0x${string}`;
    const genuine = await signRequest(privateKeyToAccount(workerKey), { method: 'POST', path, body, domain });
    expect((await post(url, path, { body, headers: genuine })).status).toBe(200);
    expect(await post(url, path, { body, headers: genuine })).toMatchObject({ status: 409, body: { error: { code: 'NONCE_REPLAYED' } } });
    // The agent resynchronises its sequence from the coordinator and keeps beating.
    await until(() => getDevice(client, { id: workerId }), (d) => d.heartbeatSeq > 1_000_001, 'the worker to resume above the injected sequence');
  });

  it('serves the CLI: devices list and show, with --json', async () => {
    const list = await runTgrid(['devices', 'list', '--json', '--data-dir', dataDir]);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { devices: { id: string }[] }).devices.map((d) => d.id)).toContain(workerId);
    const show = await runTgrid(['devices', 'show', workerId, '--data-dir', dataDir]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('CPU worker');
    const bad = await runTgrid(['devices', 'show', 'nope', '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error VALIDATION_FAILED');
  });

  it('runs the simulated fleet beside the real worker, flagged simulated', async () => {
    expect(devnet.stderr()).toContain('simulated fleet registered: 4 devices');
    const simulated = await runTgrid(['devices', 'list', '--simulated', '--json', '--data-dir', dataDir]);
    expect(simulated.code).toBe(0);
    const devices = (JSON.parse(simulated.stdout) as { devices: { id: string; simulated: boolean; location: { country: string } | null }[] }).devices;
    expect(devices).toHaveLength(4);
    expect(devices.every((d) => d.simulated && d.location?.country)).toBe(true);
    expect(devices.map((d) => d.id)).not.toContain(workerId);
  });

  it('challenges the local worker at registration: memory, compute and proof-of-work are judged and kept', async () => {
    const history = await until(
      async () => (await (await fetch(`${devnet.summary.coordinatorUrl}/v1/explorer/devices/${workerId}/challenges`)).json()) as { challenges: { kind: string; passed: boolean }[] },
      (h) => h.challenges.length >= 3,
      { what: 'three challenge results', tries: 900 },
    );
    expect(history.challenges.map((c) => c.kind).sort()).toEqual(['compute', 'memory', 'pow']);
  });

  it('indexes the JobMarket: a job posted on chain is listed by `tgrid job list` and shown by `tgrid job show`', async () => {
    const requester = createChainClients({ rpcUrl: devnet.summary.rpcUrl, chainId: 31337, privateKey: ANVIL_DEV_KEYS[0]!, pollingIntervalMs: 50 });
    const { timestamp } = await requester.publicClient.getBlock();
    const grid = 10n ** 18n;
    const specHash = `0x${'5e'.repeat(32)}` as const;
    const { jobId } = await postJob(requester, { address: devnet.summary.contracts.JobMarket!, specHash, fee: 20n * grid, gas: 5n * grid, deadline: timestamp + 3600n });
    const listed = await until(
      async () => JSON.parse((await runTgrid(['job', 'list', '--state', 'posted', '--json', '--data-dir', dataDir])).stdout) as { jobs: { id: string; specHash: string }[] },
      (page) => page.jobs.some((j) => j.id === jobId.toString()),
      { what: `job ${jobId} in the index`, tries: 300 },
    );
    expect(listed.jobs.find((j) => j.id === jobId.toString())?.specHash).toBe(specHash);
    const show = await runTgrid(['job', 'show', jobId.toString(), '--data-dir', dataDir]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/JobPosted/);
  });

  it('keeps the job pool supplied: a job the requester bot posted is taken by the local worker', async () => {
    expect(devnet.stderr()).toContain('requester bot');
    const bot = privateKeyToAccount(ANVIL_DEV_KEYS[9]!).address.toLowerCase();
    const client = createCoordinatorClient({ url: devnet.summary.coordinatorUrl });
    const page = await until(
      () => listJobs(client, { node: workerId, limit: 100 }),
      (p) => p.jobs.some((j) => j.requester.toLowerCase() === bot && ['accepted', 'submitted', 'verified', 'settled'].includes(j.state)),
      { what: 'a bot job accepted by the local worker', tries: 900 },
    );
    expect(page.jobs.every((j) => j.node?.toLowerCase() === workerId.toLowerCase())).toBe(true);
  });

  it('verifies the worker\'s training: the devnet verifier challenges a bot job, the worker answers, and the job is verified on chain', async () => {
    expect(devnet.stderr()).toContain('verifier');
    const bot = privateKeyToAccount(ANVIL_DEV_KEYS[9]!).address.toLowerCase();
    const client = createCoordinatorClient({ url: devnet.summary.coordinatorUrl });
    const page = await until(
      () => listJobs(client, { state: 'verified', limit: 100 }),
      (p) => p.jobs.some((j) => j.requester.toLowerCase() === bot),
      { what: 'a bot job verified', tries: 1200 },
    );
    const job = page.jobs.find((j) => j.requester.toLowerCase() === bot)!;
    expect(job.node?.toLowerCase()).toBe(workerId.toLowerCase());
    const challenge = await getJobChallenge(client, { id: job.id });
    expect(challenge.steps.length).toBeGreaterThan(2);
    expect(challenge.answered).toEqual(challenge.steps);
    const result = JSON.parse((await runTgrid(['job', 'result', job.id, '--json', '--data-dir', dataDir])).stdout) as { state: string; verdict: string };
    expect(result).toMatchObject({ state: 'verified', verdict: 'passed' });
  });

  it('serves job-share days: none settled yet on a fresh chain, and `tgrid rewards job-shares --day` says why', async () => {
    const res = await fetch(`${devnet.summary.coordinatorUrl}/v1/rewards/job-shares`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ days: [], next: null });
    const today = Math.floor(Date.now() / 86_400_000);
    const shown = await runTgrid(['rewards', 'job-shares', '--day', String(today), '--json', '--data-dir', dataDir]);
    expect(shown.code).toBe(1);
    expect(JSON.parse(shown.stdout)).toMatchObject({ error: { code: 'JOB_SHARE_DAY_NOT_FOUND' } });
  });

  it('refuses a second devnet on the same data directory', async () => {
    const second = await runTgrid(['devnet', '--port', '0', '--rpc-port', '0', '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('DEVNET_ALREADY_RUNNING');
  });

  it('stops every process on Ctrl-C and resumes with the same identity, contracts and data', async () => {
    const url = devnet.summary.coordinatorUrl;
    const before = await getDevice(createCoordinatorClient({ url }), { id: workerId });
    const gridToken = devnet.summary.contracts.GridToken;
    const { deployBlock } = JSON.parse(readFileSync(join(dataDir, 'devnet.json'), 'utf8')) as { deployBlock: number };
    expect(await devnet.stop('SIGINT')).toBe(0);
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
    await expect(fetch(devnet.summary.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
    const stopped = await runTgrid(['devices', 'list', '--data-dir', dataDir]);
    expect(stopped.stderr).toContain('DEVNET_NOT_RUNNING');

    devnet = await startDevnet(dataDir, ['--heartbeat-interval-ms', '200', '--simulate', '4']);
    expect(devnet.summary.workers.map((w) => w.id)).toEqual([workerId]);
    expect(devnet.summary.contracts.GridToken).toBe(gridToken);
    expect(JSON.parse(readFileSync(join(dataDir, 'devnet.json'), 'utf8'))).toMatchObject({ deployBlock }); // reused contracts keep their block
    const client = createCoordinatorClient({ url: devnet.summary.coordinatorUrl });
    const after = await until(() => getDevice(client, { id: workerId }), (d) => d.heartbeatSeq > before.heartbeatSeq, 'heartbeats after restart');
    expect(after.registeredAt).toBe(before.registeredAt);
    expect(devnet.stderr()).toContain('contracts compiled and found on the chain');
    expect(await devnet.stop('SIGTERM')).toBe(0);
  });

  it('cleans up after a devnet killed outright: its services stop, the next start reaps the chain', async () => {
    const killed = await startDevnet(dataDir, ['--heartbeat-interval-ms', '200']);
    const { anvilPid } = JSON.parse(readFileSync(join(dataDir, 'devnet.json'), 'utf8')) as { anvilPid: number };
    killed.child.kill('SIGKILL');
    const reachable = async () => fetch(`${killed.summary.coordinatorUrl}/v1/health`).then(() => true, () => false);
    await until(reachable, (up) => !up, 'the orphaned coordinator to stop by itself');

    devnet = await startDevnet(dataDir, ['--heartbeat-interval-ms', '200', '--simulate', '4']);
    // The orphaned chain is gone: reaped by this start, or already quit by itself (anvil stops
    // when it logs a transaction the services still sent into the killed devnet's closed pipe).
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(anvilPid)).toBe(false);
    expect(devnet.summary.workers.map((w) => w.id)).toEqual([workerId]);
    expect(await devnet.stop('SIGTERM')).toBe(0);
  });
});
