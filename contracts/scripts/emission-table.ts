/**
 * Prints the emission schedule: each of the 240 months (30 days each from the Rewards genesis)
 * with its emission, its hourly block allowance and the cumulative total, in GRID with all 18
 * decimals. The values come from the TypeScript mirror of EmissionSchedule.sol, which the tests
 * check against the contract month by month.
 * Usage: `npm run emission:table` (or `npx tsx contracts/scripts/emission-table.ts`).
 */
import { emissionTable, hourlyAllowance, TOTAL_EMISSION } from '../../packages/chain/src/emission/emission-schedule';

const ONE = 10n ** 18n;
const grid = (wei: bigint): string => `${(wei / ONE).toLocaleString('en-US')}.${(wei % ONE).toString().padStart(18, '0')}`;
const rows = emissionTable();
const widths = [5, 34, 30, 34];
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');

console.log(line(['month', 'emission (GRID)', 'per hourly block (GRID)', 'cumulative (GRID)']));
for (const row of rows) {
  console.log(line([String(row.month), grid(row.emission), grid(hourlyAllowance(row.month)), grid(row.cumulative)]));
}
const last = rows.at(-1);
console.log(`\ntotal ${grid(last?.cumulative ?? 0n)} GRID over ${rows.length} months; exactly 300,000,000: ${last?.cumulative === TOTAL_EMISSION}`);
