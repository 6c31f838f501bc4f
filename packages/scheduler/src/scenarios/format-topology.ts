import type { Topology } from '../topology';

/**
 * A topology as a readable JSON file: one matrix row per line, keys in the CLI's order.
 * @param topology - the topology
 */
export function formatTopology(topology: Topology): string {
  const lines = Object.entries(topology).map(([key, value]) => {
    const rendered = Array.isArray(value) && Array.isArray(value[0])
      ? `[\n${(value as number[][]).map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]`
      : JSON.stringify(value);
    return `  ${JSON.stringify(key)}: ${rendered}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}
