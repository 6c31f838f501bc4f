/**
 * Parses JSON, or returns undefined for malformed text (untrusted input is then validated
 * with a schema).
 * @param text - untrusted text
 */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
