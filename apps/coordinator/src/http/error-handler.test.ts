import { BaseError, httpStatusOf } from '@tensorgrid/protocol';
import Fastify, { errorCodes } from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler, toBaseError } from './error-handler';

describe('toBaseError', () => {
  it('passes a BaseError through unchanged', () => {
    const err = new BaseError('DEVICE_NOT_FOUND', 'No device', { data: { id: '0xabc' } });
    expect(toBaseError(err)).toBe(err);
  });

  it('turns a thrown null or undefined into INTERNAL', () => {
    expect(toBaseError(null).code).toBe('INTERNAL');
    expect(toBaseError(undefined).code).toBe('INTERNAL');
  });

  it('maps a too-large body to PAYLOAD_TOO_LARGE (413)', () => {
    const err = toBaseError(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(httpStatusOf(err.code)).toBe(413);
    expect(err.details).toContain('1 MiB');
  });

  it('maps an unsupported content type to VALIDATION_FAILED', () => {
    const err = toBaseError(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/plain'));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.shortMessage).toContain('application/json');
  });

  it('maps an empty JSON body to VALIDATION_FAILED', () => {
    expect(toBaseError(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY()).code).toBe('VALIDATION_FAILED');
  });

  it('maps another 400 from fastify to VALIDATION_FAILED with its message', () => {
    const err = toBaseError(Object.assign(new SyntaxError('Unexpected token } in JSON'), { statusCode: 400 }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.shortMessage).toBe('Unexpected token } in JSON');
  });

  it('turns a plain Error into INTERNAL without leaking its message, keeping it as the cause', () => {
    const cause = new Error('password=hunter2');
    const err = toBaseError(cause);
    expect(err.code).toBe('INTERNAL');
    expect(err.message).not.toContain('hunter2');
    expect(err.cause).toBe(cause);
  });

  it('turns a thrown string or object into INTERNAL', () => {
    expect(toBaseError('boom').code).toBe('INTERNAL');
    expect(toBaseError({ message: 'not an Error' }).code).toBe('INTERNAL');
  });
});

describe('errorHandler', () => {
  async function replyTo(thrown: unknown) {
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.get('/boom', async () => {
      throw thrown;
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/boom' });
      return { status: res.statusCode, body: res.json() as unknown, raw: res.body };
    } finally {
      await app.close();
    }
  }

  it('sends a BaseError as the wire shape with the status of its code', async () => {
    const res = await replyTo(new BaseError('DEVICE_NOT_FOUND', 'No device 0xabc', { data: { id: '0xabc' } }));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'DEVICE_NOT_FOUND', message: 'No device 0xabc', data: { id: '0xabc' }, retryable: false } });
  });

  it('sends an unknown error as a 500 INTERNAL without its message', async () => {
    const res = await replyTo(new Error('password=hunter2'));
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: { code: 'INTERNAL', retryable: true } });
    expect(res.raw).not.toContain('hunter2');
  });
});
