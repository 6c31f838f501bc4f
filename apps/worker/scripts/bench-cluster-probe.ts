/**
 * `npm run bench:cluster-probe [-- --devices N] [--mib M] [--json]`: how long a cluster probe
 * takes and what it measures on this machine: N real worker agents (default 8) on loopback
 * probe each other through the real coordinator app (SQLite), M MiB per pair (default 8, the
 * coordinator's default), 10 round trips per pair. Loopback is no network: the figures show
 * the probe's own overhead and the ceiling of one machine, not a link.
 */
import { clusterProbeOptions } from '@tensorgrid/coordinator';
import { median } from '@tensorgrid/domain';
import { planClusterResponseSchema } from '@tensorgrid/protocol';
import { createCoordinatorClient } from '@tensorgrid/sdk';
import { sampleHardware, startTestCoordinator, until } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createWorkerAgent } from '../src/agent/worker-agent';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? fallback) || fallback;
const DEVICES = args.includes('--devices') ? flag('--devices', 8) : 8;
const MIB = args.includes('--mib') ? flag('--mib', 8) : 8;

const coord = await startTestCoordinator('sqlite', { clusterOptions: clusterProbeOptions({ scale: MIB / 8 }) });
const agents = Array.from({ length: DEVICES }, () =>
  createWorkerAgent({ client: createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(generatePrivateKey()) }), hardware: sampleHardware(), log: pino({ level: 'silent' }), clusterProbe: { listenHost: '127.0.0.1' } }),
);
try {
  for (const agent of agents) {
    await agent.start();
    await until(() => coord.app.gateway.sendTo(agent.deviceId, { type: 'ping', v: 1, id: 'b' }), 'the agent session');
  }
  const started = performance.now();
  const res = await fetch(`${coord.url}/v1/clusters/plan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ devices: agents.map((a) => a.deviceId) }) });
  const wallMs = performance.now() - started;
  const body = planClusterResponseSchema.parse(await res.json());
  const off = (m: number[][]) => m.flatMap((row, i) => row.filter((_, j) => j !== i));
  const delays = off(body.topology.delay_ms);
  const gbps = off(body.topology.bandwidth_gbps);
  const figures = {
    devices: DEVICES, mibPerPair: MIB, pairs: body.probe.measuredPairs, probeMs: Math.round(body.probe.durationMs), requestMs: Math.round(wallMs),
    oneWayDelayMs: { min: Math.min(...delays), median: median(delays), max: Math.max(...delays) },
    gbps: { min: Math.min(...gbps), median: median(gbps), max: Math.max(...gbps) },
    plan: { D_PP: body.plan.D_PP, D_DP: body.plan.D_DP, cost_s: body.plan.cost_s },
  };
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else {
    const r = (x: number) => x.toFixed(3);
    process.stdout.write(
      `cluster probe, ${DEVICES} devices on loopback, ${MIB} MiB per pair: ${figures.pairs} pairs in ${figures.probeMs} ms (request ${figures.requestMs} ms)\n` +
        `  one-way delay ms  min ${r(figures.oneWayDelayMs.min)}  median ${r(figures.oneWayDelayMs.median)}  max ${r(figures.oneWayDelayMs.max)}\n` +
        `  throughput Gbit/s min ${r(figures.gbps.min)}  median ${r(figures.gbps.median)}  max ${r(figures.gbps.max)}\n` +
        `  plan: ${figures.plan.D_PP} stages × ${figures.plan.D_DP} pipelines, ${figures.plan.cost_s.toFixed(3)} s per iteration\n`,
    );
  }
} finally {
  await Promise.all(agents.map((a) => a.stop()));
  await coord.close();
}
