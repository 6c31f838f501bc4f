import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isBaseError } from './base-error';
import { parseOrThrow, validationError } from './validation-error';

const body = z.object({
  hardware: z.object({ memoryBytes: z.number().int().min(0), gpus: z.array(z.object({ model: z.string().min(1) })) }),
  simulated: z.boolean().default(false),
});

function zodErrorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be invalid');
  return result.error;
}

describe('validationError', () => {
  it('is a non-retryable VALIDATION_FAILED that says what was validated', () => {
    const err = validationError(zodErrorOf(z.string(), 1), 'device id');
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.retryable).toBe(false);
    expect(err.shortMessage.startsWith('Invalid device id: ')).toBe(true);
  });

  it('names a nested field by its dotted path', () => {
    const err = validationError(zodErrorOf(body, { hardware: { memoryBytes: -1, gpus: [] } }), 'request body');
    expect(err.shortMessage).toMatch(/^Invalid request body: hardware\.memoryBytes: \S/);
    expect(err.data.issues).toEqual([{ path: 'hardware.memoryBytes', message: expect.any(String) }]);
  });

  it('names array elements by index', () => {
    const err = validationError(zodErrorOf(body, { hardware: { memoryBytes: 1, gpus: [{ model: 'A' }, { model: '' }] } }), 'request body');
    expect(err.data.issues).toEqual([{ path: 'hardware.gpus.1.model', message: expect.any(String) }]);
    expect(err.shortMessage).toContain('hardware.gpus.1.model: ');
  });

  it('lists every bad field, separated by semicolons', () => {
    const err = validationError(zodErrorOf(body, { hardware: { memoryBytes: 1.5, gpus: 'none' }, simulated: 'yes' }), 'request body');
    const paths = (err.data.issues as { path: string }[]).map((i) => i.path);
    expect(paths.sort()).toEqual(['hardware.gpus', 'hardware.memoryBytes', 'simulated']);
    expect(err.shortMessage.split('; ')).toHaveLength(3);
  });

  it('omits the path of an issue at the root', () => {
    const zodError = zodErrorOf(z.string(), 42);
    const err = validationError(zodError, 'name');
    expect(err.shortMessage).toBe(`Invalid name: ${zodError.issues[0]?.message}`);
    expect(err.shortMessage).not.toContain('(root)');
    expect(err.data.issues).toEqual([{ path: '(root)', message: zodError.issues[0]?.message }]);
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed value with defaults applied', () => {
    expect(parseOrThrow(body, { hardware: { memoryBytes: 0, gpus: [] } }, 'request body')).toEqual({ hardware: { memoryBytes: 0, gpus: [] }, simulated: false });
  });

  it('throws a typed VALIDATION_FAILED naming the bad field', () => {
    let thrown: unknown;
    try {
      parseOrThrow(body, { hardware: { memoryBytes: -1, gpus: [] } }, 'request body');
    } catch (err) {
      thrown = err;
    }
    expect(isBaseError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED', data: { issues: [{ path: 'hardware.memoryBytes' }] } });
    expect((thrown as Error).message).toContain('Invalid request body: hardware.memoryBytes');
  });
});
