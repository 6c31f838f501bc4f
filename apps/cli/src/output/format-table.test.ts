import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table';

describe('formatTable', () => {
  it('aligns columns to the widest cell, two spaces apart, and ends with a newline', () => {
    const table = formatTable(['ID', 'STATE', 'GPU'], [
      ['0xabc', 'available', 'RTX 4090'],
      ['0x1', 'down', 'H100'],
    ]);
    expect(table).toBe(['ID     STATE      GPU', '0xabc  available  RTX 4090', '0x1    down       H100', ''].join('\n'));
  });

  it('widens a column for a long header', () => {
    expect(formatTable(['IDENTIFIER', 'X'], [['a', 'b']])).toBe('IDENTIFIER  X\na           b\n');
  });

  it('does not pad the last column, so no line has trailing spaces', () => {
    const table = formatTable(['A', 'B'], [['1', 'a long value'], ['2', '']]);
    for (const line of table.split('\n')) expect(line).toBe(line.trimEnd());
    expect(table).toBe('A  B\n1  a long value\n2\n');
  });

  it('prints only the header when there are no rows', () => {
    expect(formatTable(['ID', 'STATE'], [])).toBe('ID  STATE\n');
  });

  it('treats missing cells as empty', () => {
    expect(formatTable(['A', 'B', 'C'], [['x'], ['longer', 'y', 'z']])).toBe('A       B  C\nx\nlonger  y  z\n');
  });
});
