import { z } from 'zod';

/** A 20-byte EVM address, 0x-prefixed hex (any case). */
export const addressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte hex address');

/** 32 bytes, 0x-prefixed hex. */
export const bytes32Schema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x-prefixed 32-byte hex');

/** A 65-byte ECDSA signature, 0x-prefixed hex. */
export const signatureSchema = z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 0x-prefixed 65-byte signature');

/** An ISO-8601 timestamp string. */
export const isoTimeSchema = z.string().datetime({ offset: true });

/** The protocol version carried by every WS message. */
export const PROTOCOL_VERSION = 1 as const;
