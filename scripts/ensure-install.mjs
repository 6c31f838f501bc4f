// Makes `npm start` and `npm test` work on a fresh clone: checks Node, and runs
// `npm install` (never `npm ci`: see ARCHITECTURE.md) when dependencies are missing or the
// manifests changed since the last install. Plain Node: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [major, minor] = process.versions.node.split('.').map(Number);
if (major !== 20 || minor < 19) {
  console.error(`Tensorgrid needs Node 20.19 or newer 20.x; this is ${process.versions.node}.`);
  process.exit(1);
}

const manifests = ['package.json', 'package-lock.json'];
for (const group of ['packages', 'apps', 'test']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) if (existsSync(join(dir, name, 'package.json'))) manifests.push(join(group, name, 'package.json'));
}
const hash = createHash('sha256');
for (const file of manifests.sort()) if (existsSync(join(root, file))) hash.update(file).update(readFileSync(join(root, file)));
const digest = hash.digest('hex');
const stamp = join(root, 'node_modules', '.tensorgrid-install');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) process.exit(0);

console.error('Installing dependencies (npm install; the first time compiles SQLite, about a minute)…');
const started = Date.now();
const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('npm install failed: see the output above. Check your network access to the npm registry, then run the command again.');
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, digest);
console.error(`Dependencies installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
