import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BaseError } from '@tensorgrid/protocol';
import { parseJobSpec, type JobVerification } from '@tensorgrid/tensor';

/**
 * Sets a spec file's `verification` field, atomically: the file is rewritten (2-space JSON,
 * every other field as it was) to a temporary file beside it, then renamed over it, so a
 * crash leaves the old spec or the new one, never half of one. The result must parse as a
 * job spec before anything is written.
 * @param path - the spec file
 * @param verification - the mode to write
 * @throws BaseError VALIDATION_FAILED when the file cannot be read, parsed or written
 */
export function writeSpecVerification(path: string, verification: JobVerification): void {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new BaseError('VALIDATION_FAILED', `Cannot read ${path} back to write τ into it`, { cause, details: 'Was the file moved or changed meanwhile? Run the calibration again.' });
  }
  const updated = { ...raw, verification };
  // A local dataset file (`location: { file }`) is filled in on submit, not here: check the rest.
  if (!hasLocalDataset(updated)) parseJobSpec(updated);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, `${JSON.stringify(updated, null, 2)}\n`);
    renameSync(tmp, path);
  } catch (cause) {
    rmSync(tmp, { force: true });
    throw new BaseError('VALIDATION_FAILED', `Cannot write ${path}`, { cause, details: 'Check that its folder is writable, or add the printed verification field by hand.' });
  }
}

function hasLocalDataset(raw: Record<string, unknown>): boolean {
  const location = (raw.training as { dataset?: { location?: { file?: unknown } } } | undefined)?.dataset?.location;
  return typeof location?.file === 'string';
}
