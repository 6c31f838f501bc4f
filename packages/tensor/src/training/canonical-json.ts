/**
 * JSON with object keys sorted at every level and no whitespace, so equal values give equal
 * bytes whatever order their keys were written in (number formatting is fixed by
 * ECMAScript's Number::toString). The spec hash is SHA-256 of this.
 * @param value - a JSON-able value (no undefined inside arrays, no cycles)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
