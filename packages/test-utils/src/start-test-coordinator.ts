import { randomBytes } from 'node:crypto';
import { createDatasetUploadStore, createDeviceStore, createSqlBlobStore, createJobChallengeStore, createJobIndexStore, createNonceStore, createServiceUptimeStore, createSupplyStores, type DatabaseKind } from '@tensorgrid/db';
import type { DeviceStore } from '@tensorgrid/domain';
import type { SigningDomain } from '@tensorgrid/protocol';
import { openTestDatabase, type TestDatabase } from './db-fixtures';
import { createApp, supplyOptions, type App, type AppDeps } from '@tensorgrid/coordinator';

/** A coordinator listening on a free loopback port over a throwaway database. */
export interface TestCoordinator {
  url: string;
  app: App;
  database: TestDatabase;
  /** What the coordinator binds signatures to. */
  domain: SigningDomain;
  /** Moves the coordinator's clock (milliseconds added to the real time). */
  advance(ms: number): void;
  close(): Promise<void>;
}

/**
 * Starts the real coordinator app in-process on a real database of the given dialect.
 * @param kind - the storage dialect
 * @param options - overrides of the app options (network measurement: off unless a scale is given); `wrapDevices` puts a fake around the real device store (to inject failures)
 */
export async function startTestCoordinator(
  kind: DatabaseKind,
  options: {
    pingIntervalMs?: number; networkScale?: number; probeFirstDelayMs?: number; probeIntervalMs?: number; networkProbe?: false; minRegionDevices?: number; downAtOnceMs?: number;
    challengeAdapters?: AppDeps['challengeAdapters']; wrapDevices?: (store: DeviceStore) => DeviceStore; clusterOptions?: AppDeps['clusterOptions']; eligibility?: AppDeps['eligibility'];
    /** Unclaimed dataset bytes one account may hold (default: the coordinator's 256 MiB). */
    datasetQuotaBytes?: number;
    /** Unclaimed dataset bytes all accounts together may hold (default: the coordinator's 4 GiB). */
    datasetPoolBytes?: number;
    /** The least one upload counts against them (default: the coordinator's 4 KiB). */
    uploadMinChargeBytes?: number;
    /** Serves the challenge exchange, with these verifier roles (e.g. read from a real JobMarket). */
    verifierRoles?: NonNullable<AppDeps['jobChallenges']>['roles'];
  } = {},
): Promise<TestCoordinator> {
  const database = await openTestDatabase(kind);
  let offset = 0;
  const domain: SigningDomain = { chainId: 31337, networkId: `0x${randomBytes(32).toString('hex')}` };
  const app = await createApp({
    devices: (options.wrapDevices ?? ((store) => store))(createDeviceStore(database.db)),
    nonces: createNonceStore(database.db),
    supply: createSupplyStores(database.db),
    jobs: createJobIndexStore(database.db),
    uptime: createServiceUptimeStore(database.db),
    ...(options.verifierRoles ? { jobChallenges: { store: createJobChallengeStore(database.db), roles: options.verifierRoles } } : {}),
    jobContent: {
      datasets: createSqlBlobStore(database.db, 'datasets'), specs: createSqlBlobStore(database.db, 'job-specs'), uploads: createDatasetUploadStore(database.db),
      ...(options.datasetQuotaBytes === undefined ? {} : { quotaBytes: options.datasetQuotaBytes }),
      ...(options.datasetPoolBytes === undefined ? {} : { poolBytes: options.datasetPoolBytes }),
      ...(options.uploadMinChargeBytes === undefined ? {} : { minChargeBytes: options.uploadMinChargeBytes }),
    },
    ...(options.challengeAdapters ? { challengeAdapters: options.challengeAdapters } : {}),
    ...(options.clusterOptions ? { clusterOptions: options.clusterOptions } : {}),
    ...(options.eligibility ? { eligibility: options.eligibility } : {}),
    supplyOptions: supplyOptions({
      ...(options.minRegionDevices === undefined ? {} : { minRegionDevices: options.minRegionDevices }),
      ...(options.downAtOnceMs === undefined ? {} : { downAtOnceMs: options.downAtOnceMs }),
      ...(options.networkScale === undefined || options.networkProbe === false
        ? { networkProbe: false as const }
        : { networkScale: options.networkScale, probeFirstDelayMs: options.probeFirstDelayMs ?? 50, probeIntervalMs: options.probeIntervalMs ?? 60_000 }),
    }),
    clock: { now: () => Date.now() + offset },
    ...domain,
    storage: kind,
    version: 'test',
    options: { heartbeatIntervalMs: 200, signatureToleranceS: 300, pingIntervalMs: options.pingIntervalMs ?? 60_000 },
  });
  const url = await app.http.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    database,
    domain,
    advance: (ms) => void (offset += ms),
    close: async () => {
      await app.http.close();
      await database.close();
    },
  };
}
