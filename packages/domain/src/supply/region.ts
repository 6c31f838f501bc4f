/** The degraded-mode region of a device without a declared country (ISO 3166 user-assigned code). */
export const UNKNOWN_REGION = 'ZZ';

/**
 * A device's region for degraded mode: its declared country, or {@link UNKNOWN_REGION}.
 * @param device - its declared location, if any
 */
export function regionOf(device: { location?: { country: string } | null | undefined }): string {
  return device.location?.country ?? UNKNOWN_REGION;
}
