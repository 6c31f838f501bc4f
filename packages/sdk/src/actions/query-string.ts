/**
 * A query's defined values as `?a=1&b=x`, or '' when none is set.
 * @param query - the query's fields (undefined ones are left out)
 * @internal shared by the list actions
 */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : '';
}
