import { describe, expect, it } from 'vitest';
import { sampleHardware } from '@tensorgrid/test-utils';
import { heartbeatRequestSchema, listDevicesQuerySchema, registerDeviceRequestSchema } from './devices';

const hardware = sampleHardware();
const operator = { address: `0x${'ab'.repeat(20)}`, issuedAt: 1_700_000_000, signature: `0x${'cd'.repeat(65)}` };

describe('registerDeviceRequestSchema', () => {
  it('defaults simulated to false', () => {
    expect(registerDeviceRequestSchema.parse({ hardware }).simulated).toBe(false);
  });

  it('keeps simulated when given', () => {
    expect(registerDeviceRequestSchema.parse({ hardware, simulated: true }).simulated).toBe(true);
  });

  it('accepts an operator attestation and refuses a malformed one', () => {
    expect(registerDeviceRequestSchema.parse({ hardware, operator }).operator).toEqual(operator);
    expect(registerDeviceRequestSchema.safeParse({ hardware, operator: { ...operator, signature: '0x1234' } }).success).toBe(false);
    expect(registerDeviceRequestSchema.safeParse({ hardware, operator: { ...operator, address: 'alice' } }).success).toBe(false);
  });

  it('refuses unknown keys and missing hardware', () => {
    expect(registerDeviceRequestSchema.safeParse({ hardware, admin: true }).success).toBe(false);
    expect(registerDeviceRequestSchema.safeParse({}).success).toBe(false);
  });
});

describe('heartbeatRequestSchema', () => {
  it('accepts a positive integer seq with or without uptime', () => {
    expect(heartbeatRequestSchema.parse({ seq: 1 })).toEqual({ seq: 1 });
    expect(heartbeatRequestSchema.parse({ seq: 42, uptimeS: 12.5 })).toEqual({ seq: 42, uptimeS: 12.5 });
  });

  it.each([[0], [-1], [1.5], ['1'], [null]])('refuses seq %j', (seq) => {
    expect(heartbeatRequestSchema.safeParse({ seq }).success).toBe(false);
  });

  it('refuses a negative uptime and unknown keys', () => {
    expect(heartbeatRequestSchema.safeParse({ seq: 1, uptimeS: -1 }).success).toBe(false);
    expect(heartbeatRequestSchema.safeParse({ seq: 1, state: 'available' }).success).toBe(false);
  });
});

describe('listDevicesQuerySchema', () => {
  it('defaults limit to 100', () => {
    expect(listDevicesQuerySchema.parse({})).toEqual({ limit: 100 });
  });

  it('coerces limit from a query string', () => {
    expect(listDevicesQuerySchema.parse({ limit: '50' }).limit).toBe(50);
  });

  it('accepts the bounds 1 and 1000', () => {
    expect(listDevicesQuerySchema.parse({ limit: '1' }).limit).toBe(1);
    expect(listDevicesQuerySchema.parse({ limit: '1000' }).limit).toBe(1000);
  });

  it.each([['0'], ['1001'], [0], [1001], ['2.5'], ['many'], ['-5']])('refuses limit %j', (limit) => {
    expect(listDevicesQuerySchema.safeParse({ limit }).success).toBe(false);
  });

  it('checks state, gpuModel and after', () => {
    const after = `0x${'12'.repeat(20)}`;
    expect(listDevicesQuerySchema.parse({ state: 'available', gpuModel: 'NVIDIA H100', after })).toEqual({ state: 'available', gpuModel: 'NVIDIA H100', after, limit: 100 });
    expect(listDevicesQuerySchema.safeParse({ state: 'sleeping' }).success).toBe(false);
    expect(listDevicesQuerySchema.safeParse({ gpuModel: '' }).success).toBe(false);
    expect(listDevicesQuerySchema.safeParse({ after: '0x12' }).success).toBe(false);
  });

  it('refuses unknown query parameters', () => {
    expect(listDevicesQuerySchema.safeParse({ offset: '10' }).success).toBe(false);
  });
});
