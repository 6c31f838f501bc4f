/**
 * `/v1/datasets` and `/v1/job-specs` on the real coordinator app (real SQLite, real files),
 * through the SDK: content-addressed, validated, typed errors; dataset uploads signed over
 * their bytes and charged to the signer's quota and the shared pool until a node takes a job
 * that names them (job specs, unsigned, to the pool alone); the upload sweeper claims those and
 * removes the ones that expire unclaimed.
 */
import { createHash } from 'node:crypto';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from '@tensorgrid/chain';
import { MAX_DATASET_BYTES, UPLOAD_MIN_CHARGE_BYTES } from '@tensorgrid/protocol';
import { createCoordinatorClient, fetchDatasetBytes, getDataset, getJobSpec, putJobSpec, signRequest, uploadDataset, type CoordinatorClient } from '@tensorgrid/sdk';
import { privateKeyToAccount } from 'viem/accounts';
import { jobGas, jobSpecBytes, jobSpecHash, parseJobSpec, parseTabularDataset, tabularSchema } from '@tensorgrid/tensor';
import { createDatasetUploadStore, createJobIndexStore } from '@tensorgrid/db';
import { startTestCoordinator, type TestCoordinator } from '@tensorgrid/test-utils';
import { createUploadSweeper } from '../src/jobs/upload-sweeper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CSV = new TextEncoder().encode('a,b,label\n0.1,0.2,0\n0.9,0.8,1\n0.2,0.1,0\n0.8,0.9,1\n');
const SHA = createHash('sha256').update(CSV).digest('hex');
const spec = (sha256 = SHA) => ({
  version: 1,
  training: {
    version: 1,
    model: { input: [2], layers: [{ type: 'dense', units: 4, activation: 'relu' }, { type: 'dense', units: 2 }] },
    dataset: { kind: 'tabular', sha256, size: 4, dim: 2, classes: 2, location: { store: 'coordinator' } },
    optimizer: { kind: 'sgd' },
    lr: 0.1,
    batchSize: 2,
    epochs: 3,
  },
  timeLimitSeconds: 60,
  memoryBytes: 1 << 20,
});

describe('dataset and job-spec stores', () => {
  let coord: TestCoordinator;
  let client: CoordinatorClient;

  const QUOTA = 1000;
  const as = (key: number) => createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(ANVIL_DEV_KEYS[key]!), domain: coord.domain, timeoutMs: 30_000 });

  /** The hashes the coordinator's database holds blobs under, for one kind. */
  const storedHashes = async (kind: string) => (await coord.database.db.selectFrom('blobs').select('sha256').where('kind', '=', kind).orderBy('sha256').execute()).map((r) => r.sha256);

  beforeAll(async () => {
    // Counted byte for byte (no least charge) so these tiny files show the arithmetic.
    coord = await startTestCoordinator('sqlite', { datasetQuotaBytes: QUOTA, uploadMinChargeBytes: 1 });
    client = as(2);
  });
  afterAll(async () => coord?.close());

  it('stores a dataset under its SHA-256 and serves the same bytes, idempotently, as whole files', async () => {
    const first = { sha256: SHA, size: CSV.length, uploader: ANVIL_DEV_ADDRESSES[2]!.toLowerCase(), usedBytes: CSV.length, quotaBytes: QUOTA };
    expect(await uploadDataset(client, { bytes: CSV })).toEqual(first);
    expect(await uploadDataset(client, { bytes: CSV })).toEqual(first);
    expect(await getDataset(client, { sha256: SHA })).toEqual(CSV);
    expect(await storedHashes('datasets')).toEqual([SHA]);
  });

  it('fetches a spec\'s dataset from the store or a URL, and the parser checks the bytes', async () => {
    expect(await fetchDatasetBytes(client, { sha256: SHA, location: { store: 'coordinator' } })).toEqual(CSV);
    const url = `${coord.url}/v1/datasets/${SHA}`;
    const bytes = await fetchDatasetBytes(client, { sha256: SHA, location: { url } });
    const dataset = parseTabularDataset(tabularSchema.parse({ ...spec().training.dataset, location: { url } }), bytes);
    expect(dataset.count).toBe(4);
    await expect(fetchDatasetBytes(client, { sha256: SHA, location: { url: `${coord.url}/v1/datasets/${'ab'.repeat(32)}` } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => parseTabularDataset(tabularSchema.parse({ ...spec('ab'.repeat(32)).training.dataset }), bytes)).toThrow(expect.objectContaining({ code: 'DATASET_HASH_MISMATCH' }) as Error);
  });

  it('answers typed errors: unknown dataset, bad hash, empty or JSON body, too large', async () => {
    await expect(getDataset(client, { sha256: 'ab'.repeat(32) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getDataset(client, { sha256: 'xyz' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(uploadDataset(client, { bytes: new Uint8Array(0) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const asJson = await fetch(`${coord.url}/v1/datasets`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(asJson.status).toBe(400);
    await expect(uploadDataset(client, { bytes: new Uint8Array(MAX_DATASET_BYTES + 1) })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // Other routes still take JSON only.
    const raw = await fetch(`${coord.url}/v1/job-specs`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: CSV });
    expect(((await raw.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('takes only uploads signed over their bytes, and nothing of a refused one is stored', async () => {
    const other = new TextEncoder().encode('a,b,label\n1,1,1\n');
    const unsigned = await fetch(`${coord.url}/v1/datasets`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: other });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    // A signature over the SHA-256 of other bytes does not cover these.
    const headers = await signRequest(privateKeyToAccount(ANVIL_DEV_KEYS[2]!), { method: 'PUT', path: '/v1/datasets', body: SHA, domain: coord.domain });
    const swapped = await fetch(`${coord.url}/v1/datasets`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', ...headers }, body: other });
    expect(((await swapped.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_INVALID');
    await expect(uploadDataset(createCoordinatorClient({ url: coord.url }), { bytes: other })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await storedHashes('datasets')).toEqual([SHA]);
  });

  it('charges each new dataset to its signer up to the quota; a stored one costs nothing', async () => {
    const rows = (n: number, seed: number) => new TextEncoder().encode(`${'a,b,label\n'}${Array.from({ length: n }, (_, i) => `${seed}.${i},0.5,${i % 2}`).join('\n')}\n`);
    const big = rows(50, 7);
    const uploader = as(4);
    const stored = await uploadDataset(uploader, { bytes: big });
    expect(stored).toMatchObject({ uploader: ANVIL_DEV_ADDRESSES[4]!.toLowerCase(), usedBytes: big.length, quotaBytes: QUOTA });
    const more = rows(50, 8);
    expect(big.length + more.length).toBeGreaterThan(QUOTA);
    await expect(uploadDataset(uploader, { bytes: more })).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED', data: { usedBytes: big.length, quotaBytes: QUOTA, bytes: more.length }, message: expect.stringMatching(/past its dataset quota/),
    });
    expect(await storedHashes('datasets')).not.toContain(createHash('sha256').update(more).digest('hex'));
    // Another account's dataset is already stored: uploading it again is free, and it stays recorded under its first uploader.
    expect(await uploadDataset(uploader, { bytes: CSV })).toMatchObject({ uploader: ANVIL_DEV_ADDRESSES[2]!.toLowerCase(), usedBytes: big.length });
  });

  it('stores a valid spec by its hash (the on-chain specHash) with its gas, and serves it back', async () => {
    const parsed = parseJobSpec(spec());
    const put = await putJobSpec(client, { spec: spec() });
    expect(put).toEqual({ specHash: jobSpecHash(parsed), gas: jobGas(parsed.training).gas.toString(), gflop: jobGas(parsed.training).gflop.toString() });
    const got = await getJobSpec(client, { specHash: put.specHash.toUpperCase().replace('0X', '0x') });
    expect(got.specHash).toBe(put.specHash);
    expect(parseJobSpec(got.spec)).toEqual(parsed);
    expect(await storedHashes('job-specs')).toEqual([put.specHash.slice(2)]);
  });

  it('refuses a spec with bad fields or a dataset the store lacks, naming the field', async () => {
    const bad = spec();
    bad.training.lr = -1;
    await expect(putJobSpec(client, { spec: bad })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', data: { issues: [{ path: 'training.lr' }] } });
    await expect(putJobSpec(client, { spec: spec('cd'.repeat(32)) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', data: { issues: [{ path: 'training.dataset.sha256' }] } });
    await expect(putJobSpec(client, { spec: { ...spec(), memoryBytes: 10 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', data: { issues: [{ path: 'memoryBytes' }] } });
    await expect(getJobSpec(client, { specHash: `0x${'ee'.repeat(32)}` })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getJobSpec(client, { specHash: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('unclaimed dataset uploads', () => {
  let coord: TestCoordinator;
  const POOL = 2000;
  const HOUR = 3_600_000;
  const as = (key: number) => createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(ANVIL_DEV_KEYS[key]!), domain: coord.domain, timeoutMs: 30_000 });
  const csv = (seed: number) => new TextEncoder().encode(`a,b,label\n${Array.from({ length: 4 }, (_, i) => `${seed}.${i},0.5,${i % 2}`).join('\n')}\n`);
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite', { datasetPoolBytes: POOL, uploadMinChargeBytes: 1 });
  });
  afterAll(async () => coord?.close());

  it('refuses an upload past the shared pool with a retryable error, whoever signs it, and stores none of it', async () => {
    const first = csv(1);
    await uploadDataset(as(2), { bytes: first });
    const fill = new TextEncoder().encode(`a,b,label\n${'0.1,0.2,0\n'.repeat(Math.floor((POOL - first.length) / 10) + 1)}`);
    const refused = uploadDataset(as(3), { bytes: fill });
    await expect(refused).rejects.toMatchObject({ code: 'UPLOAD_POOL_FULL', retryable: true, data: { unclaimedBytes: first.length, poolBytes: POOL, bytes: fill.length } });
    expect(await createDatasetUploadStore(coord.database.db).uploadOf(sha(fill))).toBeUndefined();
    await expect(getDataset(as(3), { sha256: sha(fill) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps an upload named by the spec of a job a node submitted a result for, and removes one no job names once it expires, giving its bytes back', async () => {
    const uploads = createDatasetUploadStore(coord.database.db);
    const claimed = csv(2);
    const orphan = csv(3);
    await uploadDataset(as(4), { bytes: claimed });
    await uploadDataset(as(4), { bytes: orphan });
    const { specHash } = await putJobSpec(as(4), { spec: spec(sha(claimed)) });
    const job = {
      jobId: 1n, state: 'submitted' as const, requester: ANVIL_DEV_ADDRESSES[4]!.toLowerCase(), node: ANVIL_DEV_ADDRESSES[5]!.toLowerCase(), verifier: null, whistleblower: null, specHash,
      resultRoot: `0x${'ab'.repeat(32)}`, evidence: null, fee: 10n, gas: 1n, deposit: 0n, bond: 0n, deadline: 1_900_000_000, challengeEndsAt: null, verdictDay: null, postedBlock: 1, updatedBlock: 1,
    };
    await createJobIndexStore(coord.database.db).applyBatch({ cursor: { contract: '0x00000000000000000000000000000000000000f1', block: 1 }, jobs: [job], events: [] });
    const later = Date.now() + 25 * HOUR;
    const sweeper = createUploadSweeper({ uploads, clock: { now: () => later } });
    const sweep = await sweeper.tick();
    expect(sweep.claimed).toBe(1);
    expect(sweep.specsClaimed).toBe(1);
    expect(sweep.removed.map((r) => r.sha256)).toContain(sha(orphan));
    expect(sweep.removed.map((r) => r.sha256)).not.toContain(sha(claimed));
    await expect(getDataset(as(4), { sha256: sha(orphan) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await getDataset(as(4), { sha256: sha(claimed) })).toEqual(claimed);
    expect((await getJobSpec(as(4), { specHash })).specHash).toBe(specHash);
    expect(await uploads.usedBytes(ANVIL_DEV_ADDRESSES[4]!)).toBe(0);
    // Every byte came back to the pool: an upload of its whole size fits.
    expect(await uploads.unclaimedBytes()).toBe(0);
    expect(await uploadDataset(as(3), { bytes: new Uint8Array(POOL).fill(65) })).toMatchObject({ usedBytes: POOL });
  });

  it('refuses a new job spec once the pool is full: specs are stored unsigned and count against it alone', async () => {
    // The test before filled the pool to the byte; a stored dataset is still named.
    const next = { ...spec(sha(csv(2))), timeLimitSeconds: 61 };
    await expect(putJobSpec(as(3), { spec: next })).rejects.toMatchObject({ code: 'UPLOAD_POOL_FULL', retryable: true, data: { unclaimedBytes: POOL, poolBytes: POOL, bytes: jobSpecBytes(parseJobSpec(next)).length } });
    await expect(getJobSpec(as(3), { specHash: jobSpecHash(parseJobSpec(next)) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the least an upload counts', () => {
  let coord: TestCoordinator;
  const as = (key: number) => createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(ANVIL_DEV_KEYS[key]!), domain: coord.domain, timeoutMs: 30_000 });

  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite', { datasetQuotaBytes: 3 * UPLOAD_MIN_CHARGE_BYTES, datasetPoolBytes: 4 * UPLOAD_MIN_CHARGE_BYTES });
  });
  afterAll(async () => coord?.close());

  it('counts a tiny dataset or spec as 4 KiB against the quota and the pool, so the pool bounds how many uploads it holds', async () => {
    const tiny = (n: number) => new TextEncoder().encode(`a,label\n${n},0\n`);
    for (let n = 1; n <= 3; n++) expect(await uploadDataset(as(2), { bytes: tiny(n) })).toMatchObject({ usedBytes: n * UPLOAD_MIN_CHARGE_BYTES });
    await expect(uploadDataset(as(2), { bytes: tiny(4) })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', data: { usedBytes: 3 * UPLOAD_MIN_CHARGE_BYTES, bytes: UPLOAD_MIN_CHARGE_BYTES } });
    // A spec (a few hundred bytes) takes the pool's last 4 KiB; the next upload, from anyone, does not fit.
    await putJobSpec(as(3), { spec: spec(createHash('sha256').update(tiny(1)).digest('hex')) });
    expect(await createDatasetUploadStore(coord.database.db).unclaimedBytes()).toBe(4 * UPLOAD_MIN_CHARGE_BYTES);
    await expect(uploadDataset(as(4), { bytes: tiny(5) })).rejects.toMatchObject({ code: 'UPLOAD_POOL_FULL', data: { bytes: UPLOAD_MIN_CHARGE_BYTES } });
  });
});
