import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's self time is counted. First match wins. */
const CATEGORIES: Array<[string, (f: ProfileNode['callFrame']) => boolean]> = [
  ['idle', (f) => f.functionName === '(idle)'],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['sqlite (better-sqlite3 native + wrapper)', (f) => f.url.includes('better-sqlite3') || (f.url === '' && ['all', 'run', 'get', 'prepare', 'iterate', 'exec'].includes(f.functionName))],
  ['kysely (query building, driver)', (f) => f.url.includes('/kysely/')],
  ['ws framing (ws library)', (f) => f.url.includes('/ws/lib/') || f.url.includes('bufferutil') || f.url.includes('utf-8-validate')],
  ['zod validation', (f) => f.url.includes('/zod/')],
  ['JSON parse/stringify', (f) => f.url === '' && (f.functionName === 'parse' || f.functionName === 'stringify')],
  ['signature checks (viem, noble)', (f) => f.url.includes('/viem/') || f.url.includes('/@noble/')],
  ['fastify, pino', (f) => f.url.includes('/fastify') || f.url.includes('/pino') || f.url.includes('/avvio/')],
  ['node net, streams, timers, promises', (f) => f.url.startsWith('node:')],
  ['coordinator and packages code', (f) => f.url.includes('/apps/') || f.url.includes('/packages/')],
  ['native/other (program, unattributed)', () => true],
];

/** Self time per category, ms, of the samples inside a time window. */
export interface ProfileSummary {
  windowMs: number;
  byCategory: Array<{ category: string; ms: number; share: number }>;
  topFunctions: Array<{ name: string; ms: number }>;
}

/**
 * Sums a V8 `.cpuprofile`'s self time by category, for the samples taken between `fromUs`
 * and `toUs` (CLOCK_MONOTONIC microseconds, the clock of `process.hrtime` and V8's profiler).
 * @param file - the .cpuprofile
 * @param window - sample window; the whole profile when absent
 */
export function summarizeCpuProfile(file: string, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  let first = Infinity;
  let last = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window.fromUs || t > window.toUs)) return;
    first = Math.min(first, t);
    last = Math.max(last, t);
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const category = CATEGORIES.find(([, match]) => match(frame))![0];
    categories.set(category, (categories.get(category) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(apps|packages)\//, '$1/')}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const total = [...categories.values()].reduce((a, b) => a + b, 0) || 1;
  return {
    windowMs: (last - first) / 1000,
    byCategory: [...categories].sort((a, b) => b[1] - a[1]).map(([category, us]) => ({ category, ms: Math.round(us / 1000), share: us / total })),
    topFunctions: [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([name, us]) => ({ name, ms: Math.round(us / 1000) })),
  };
}
