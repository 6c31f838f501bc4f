import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from './load-config';

const schema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(7070),
  name: z.string().default('default'),
});

function tempFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tg-config-')), 'config.json');
  writeFileSync(file, content);
  return file;
}

describe('loadConfig', () => {
  it('applies defaults when no layer is given', () => {
    expect(loadConfig(schema)).toEqual({ host: '127.0.0.1', port: 7070, name: 'default' });
  });

  it('layers file < env < flags', () => {
    const file = tempFile(JSON.stringify({ port: 1000, name: 'from-file', host: 'file-host' }));
    const config = loadConfig(schema, {
      file,
      env: { TG_PORT: '2000', TG_NAME: 'from-env' },
      envMap: { port: 'TG_PORT', name: 'TG_NAME' },
      flags: { name: 'from-flag', port: undefined },
    });
    expect(config).toEqual({ host: 'file-host', port: 2000, name: 'from-flag' });
  });

  it('ignores empty environment values', () => {
    expect(loadConfig(schema, { env: { TG_PORT: '' }, envMap: { port: 'TG_PORT' } }).port).toBe(7070);
  });

  it('refuses an invalid value with CONFIG_INVALID naming the field', () => {
    expect(() => loadConfig(schema, { flags: { port: 'eighty' } })).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('port') }));
  });

  it('refuses a missing or malformed file with CONFIG_INVALID', () => {
    expect(() => loadConfig(schema, { file: '/nonexistent/tg.json' })).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => loadConfig(schema, { file: tempFile('{not json') })).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => loadConfig(schema, { file: tempFile('[1,2]') })).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig(schema))).toBe(true);
  });
});
