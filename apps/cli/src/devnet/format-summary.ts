import type { Hardware } from '@tensorgrid/protocol';
import { describeHardware } from '../output/describe-hardware';
import type { DevnetInfo } from './devnet-info';

/** A started worker, as the summary shows it. */
export interface SummaryWorker {
  id: string;
  state: string;
  hardware: Hardware;
}

/**
 * The summary printed when the devnet is ready: URLs, chain, contracts, the local worker and
 * what to try next.
 * @param info - the devnet's facts
 * @param extra - the workers' hardware, how long start-up took, and whether contracts were reused
 */
export function formatSummary(info: DevnetInfo, extra: { workers: SummaryWorker[]; readyMs: number; reused: boolean }): string {
  const pad = (label: string) => `  ${label.padEnd(12)}`;
  const width = Math.max(0, ...Object.keys(info.contracts).map((name) => name.length));
  const contracts = Object.entries(info.contracts).map(([name, address], i) => `${i === 0 ? pad('Contracts') : pad('')}${name.padEnd(width)}  ${address}${extra.reused ? '  (resumed)' : ''}`);
  const workers = extra.workers.map((w, i) => `${i === 0 ? pad('Worker') : pad('')}${w.id}  [${w.state}]\n${pad('')}${describeHardware(w.hardware)}`);
  const firstWorker = extra.workers[0]?.id ?? '<device-id>';
  return [
    '',
    `Tensorgrid devnet ready in ${(extra.readyMs / 1000).toFixed(1)} s`,
    '',
    `${pad('Coordinator')}${info.coordinatorUrl}/v1   (WebSocket ${info.wsUrl})`,
    `${pad('Chain')}${info.rpcUrl}   chain id ${info.chainId}`,
    ...contracts,
    ...(workers.length ? workers : [`${pad('Worker')}none (started with --no-worker)`]),
    `${pad('Data')}${info.dataDir}   (devnet.json, logs/)`,
    '',
    'Try next:',
    '  npx tgrid devices list',
    `  npx tgrid devices show ${firstWorker}`,
    `  npx tgrid stake 1000 --device ${firstWorker} --key-file ${info.dataDir}/worker/<gpu-model or cpu>/worker.key`,
    '  npx tgrid rewards show --account <address>',
    `  curl ${info.coordinatorUrl}/v1/health`,
    '',
    'Press Ctrl-C to stop. `npm start` again resumes with the same data and worker identity.',
    '',
  ].join('\n');
}
