import { z } from 'zod';

/**
 * Where a device is, as its operator declares it (location is declared; network speed is
 * measured). `country` is an ISO 3166-1 alpha-2 code, upper case; it is also the device's
 * region for degraded mode. Coordinates are decimal degrees.
 */
export const deviceLocationSchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE'),
  city: z.string().trim().min(1).max(100).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
}).refine((l) => (l.latitude === undefined) === (l.longitude === undefined), { message: 'give latitude and longitude together', path: ['latitude'] });

/** A device's declared location. */
export type DeviceLocation = z.infer<typeof deviceLocationSchema>;
