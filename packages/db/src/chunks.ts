/**
 * Splits rows into groups of at most `size`, so one insert statement stays far below
 * SQLite's and PostgreSQL's bound-parameter limits.
 * @param rows - the rows to insert
 * @param size - rows per statement
 */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Splits rows into runs whose sizes come from `sizes` (descending, ending in 1), largest first:
 * statements built over them take only these few shapes, so their SQL texts repeat and stay
 * prepared (`cachedStatements`).
 * @param rows - the rows
 * @param sizes - the run sizes allowed, largest first
 */
export function ladderChunks<T>(rows: readonly T[], sizes: readonly number[]): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (const size of sizes) {
    for (; rows.length - start >= size; start += size) out.push(rows.slice(start, start + size));
  }
  return out;
}
