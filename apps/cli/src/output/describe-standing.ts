import type { ExplorerDevice } from '@tensorgrid/protocol';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const hours = (ms: number) => `${(ms / 3_600_000).toFixed(1)} h`;

/**
 * Lines for `tgrid devices show`: location, measured network and tier, scores, eligibility
 * and uptime, from the explorer's view of the device.
 * @param d - the explorer's device
 */
export function describeStanding(d: ExplorerDevice): [string, string][] {
  const l = d.location;
  const t = d.network.throughput;
  const lat = d.network.latency;
  const down30 = d.downtimePerDay.reduce((s, x) => s + x.downMs, 0);
  const worst = d.downtimePerDay.reduce<{ day: string; downMs: number } | undefined>((w, x) => (x.downMs > (w?.downMs ?? 0) ? x : w), undefined);
  return [
    ['Location', l ? [l.city, l.country].filter(Boolean).join(', ') + (l.latitude === undefined ? '' : ` (${l.latitude}, ${l.longitude})`) : 'not declared'],
    ['Region', `${d.region.code}${d.region.degraded ? ' (degraded: downtime not penalised)' : ''}`],
    ['Network', t ? `tier ${d.tier}: ${t.downMBps.toFixed(1)} MB/s down, ${t.upMBps.toFixed(1)} MB/s up (measured ${t.measuredAt})` : 'not measured yet'],
    ['Latency', lat ? `${lat.medianMs.toFixed(1)} ms median, ${lat.latestMs.toFixed(1)} ms latest` : 'not measured yet'],
    ['Score', `${d.quality.score.toFixed(1)} / 100 (${Object.entries(d.quality.parts).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')})`],
    ['Eligible', d.eligibility.eligible ? 'yes' : `no: ${d.eligibility.reasons.map((r) => (r.code === 'in-trial' ? `in trial until ${r.until}` : r.code)).join(', ')}`],
    ['Uptime', `${pct(d.timeScore.last24h)} 24 h, ${pct(d.timeScore.last7d)} 7 d, ${pct(d.timeScore.last30d)} 30 d`],
    ['Downtime', `${hours(down30)} over 30 days${worst ? `, worst ${worst.day} (${hours(worst.downMs)})` : ''}`],
  ];
}
