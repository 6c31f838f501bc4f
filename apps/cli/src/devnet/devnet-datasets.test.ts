import { parseTabularDataset, tabularSchema } from '@tensorgrid/tensor';
import { createCoordinatorClient, getDataset } from '@tensorgrid/sdk';
import { privateKeyToAccount } from 'viem/accounts';
import { DEVNET_REQUESTER_KEY } from './run-devnet';
import { startTestCoordinator } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import { DIGITS_PER_CLASS, devnetDatasets, digitsDataset, irisDataset, seedDevnetDatasets } from './devnet-datasets';

const parse = (d: ReturnType<typeof irisDataset>) =>
  parseTabularDataset(tabularSchema.parse({ kind: 'tabular', sha256: d.sha256, size: d.size, dim: d.dim, classes: d.classes, ...(d.shape ? { shape: d.shape } : {}), location: { store: 'coordinator' } }), d.bytes);

describe('devnet datasets', () => {
  it('iris: the 150 real flowers, 50 of each species, in the tabular format', () => {
    const iris = irisDataset();
    const text = new TextDecoder().decode(iris.bytes);
    expect(text.split('\n')[1]).toBe('5.1,3.5,1.4,0.2,0');
    const data = parse(iris);
    expect(data.count).toBe(150);
    expect([0, 1, 2].map((c) => data.labels.filter((l) => l === c).length)).toEqual([50, 50, 50]);
  });

  it('digits: 14×14 images of real MNIST digits, values in [0, 1], the same bytes every time', () => {
    const digits = digitsDataset();
    const data = parse(digits);
    expect(data).toMatchObject({ count: 10 * DIGITS_PER_CLASS, inputShape: [1, 14, 14], classes: 10 });
    const [min, max] = data.inputs.reduce(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);
    expect(min).toBe(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.9);
    expect(digitsDataset().sha256).toBe(digits.sha256);
  });

  it('are stored at the coordinator by their SHA-256 when the devnet starts', async () => {
    const coord = await startTestCoordinator('sqlite');
    try {
      const client = createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(DEVNET_REQUESTER_KEY), domain: coord.domain, timeoutMs: 30_000 });
      await seedDevnetDatasets(client);
      for (const d of devnetDatasets()) expect(await getDataset(client, { sha256: d.sha256 })).toEqual(d.bytes);
    } finally {
      await coord.close();
    }
  });
});
