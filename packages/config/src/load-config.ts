import { readFileSync } from 'node:fs';
import { BaseError, validationError } from '@tensorgrid/protocol';
import type { z } from 'zod';

/** Where {@link loadConfig} reads from. Later layers win: defaults < file < env < flags. */
export interface LoadConfigSources<T> {
  /** Environment variables (pass `process.env` from a main.ts, a plain object in tests). */
  env?: Record<string, string | undefined>;
  /** Which environment variable feeds which option, e.g. `{ port: 'TG_COORDINATOR_PORT' }`. */
  envMap?: Partial<Record<keyof T, string>>;
  /** Path of a JSON file of options. A missing file is an error when given explicitly. */
  file?: string;
  /** Options given on the command line; `undefined` values are ignored. */
  flags?: Partial<Record<keyof T, unknown>>;
}

/**
 * Loads options once, layering defaults < file < environment < flags, and validates them.
 * @param schema - a zod object schema whose defaults are the defaults
 * @param sources - the layers to read
 * @returns the validated, frozen options
 * @throws {BaseError} CONFIG_INVALID when a layer is unreadable or a value is invalid
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { loadConfig } from '@tensorgrid/config';
 * const opts = loadConfig(z.object({ port: z.coerce.number().default(7070) }), { env: process.env, envMap: { port: 'TG_PORT' } });
 * ```
 */
export function loadConfig<S extends z.ZodObject>(schema: S, sources: LoadConfigSources<z.output<S>> = {}): Readonly<z.output<S>> {
  const merged: Record<string, unknown> = {};
  if (sources.file !== undefined) Object.assign(merged, readConfigFile(sources.file));
  for (const [key, variable] of Object.entries(sources.envMap ?? {})) {
    const value = variable === undefined ? undefined : sources.env?.[variable as string];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  for (const [key, value] of Object.entries(sources.flags ?? {})) {
    if (value !== undefined) merged[key] = value;
  }
  const result = schema.safeParse(merged);
  if (!result.success) {
    const err = validationError(result.error, 'configuration');
    throw new BaseError('CONFIG_INVALID', err.shortMessage, {
      data: err.data,
      details: 'Fix the option in your flags, environment or config file and try again.',
    });
  }
  return Object.freeze(result.data);
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new BaseError('CONFIG_INVALID', `Cannot read config file ${file}`, { cause, details: 'Check the path, or leave the option out to use defaults.' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new BaseError('CONFIG_INVALID', `Config file ${file} is not valid JSON`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BaseError('CONFIG_INVALID', `Config file ${file} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
