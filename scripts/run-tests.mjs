// `npm test`: lint, contract artifacts, typecheck, unit, conformance and e2e suites, in that
// order, each counted; ends with the plain line `N passed, N failed` over all of them.
// A skipped or todo test counts as failed: a skipped test is a failure to report.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/** A check that passes or fails as one test (lint, typecheck, artifacts). */
function check(name, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return { name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0, seconds: (Date.now() - started) / 1000 };
}

/** A vitest project, counted test by test from its JSON report. */
function suite(project) {
  const started = Date.now();
  const report = join(results, `${project}.json`);
  console.log(`\n▶ ${project} tests`);
  const { status } = spawnSync(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: root, stdio: 'inherit' });
  let passed = 0, failed = 0, skipped = 0;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed = r.numPassedTests;
    failed = r.numFailedTests;
    skipped = r.numPendingTests + r.numTodoTests;
    if (status !== 0 && failed === 0) failed = Math.max(1, r.numFailedTestSuites);
  } else if (status !== 0) {
    failed = 1;
  }
  return { name: `${project} tests`, passed, failed: failed + skipped, skipped, seconds: (Date.now() - started) / 1000 };
}

const stages = [
  check('lint', bin('eslint'), ['.']),
  check('contract artifacts up to date', bin('tsx'), ['packages/chain/scripts/build-contracts.ts', '--check']),
  check('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
  suite('unit'),
  suite('conformance'),
  suite('e2e'),
];

console.log('\nSummary');
for (const s of stages) {
  const skipped = s.skipped ? `, ${s.skipped} skipped (counted as failed)` : '';
  console.log(`  ${s.failed ? '✗' : '✓'} ${s.name.padEnd(32)} ${s.passed} passed, ${s.failed} failed${skipped}  (${s.seconds.toFixed(1)} s)`);
}
const passed = stages.reduce((n, s) => n + s.passed, 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
