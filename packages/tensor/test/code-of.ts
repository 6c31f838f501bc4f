/** What `f` threw, as `{ code, message }`, or 'no error' (for `toMatchObject` on typed errors). */
export function codeOf(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  return 'no error';
}
