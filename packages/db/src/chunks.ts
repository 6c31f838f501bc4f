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
