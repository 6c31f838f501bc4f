/**
 * @module @tensorgrid/test-utils
 * Fixtures for tests: databases of every dialect, and more as they come.
 */
export { DIALECTS, TEST_PG_URL, openTestDatabase, type TestDatabase } from './db-fixtures';
export { withAnvil, type AnvilFixture } from './anvil-fixture';
export { sampleGpu, sampleHardware } from './sample-hardware';
export { startTestCoordinator, type TestCoordinator } from './start-test-coordinator';
export { until } from './until';
export { gate } from './gate';
export { MARKET_KEYS, startMarket, runJob, openingWire, type MarketFixture, type NodeRun } from './market-fixture';
export { tinyJobSpec } from './tiny-job-spec';
