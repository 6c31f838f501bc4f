import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseError } from '@tensorgrid/protocol';

const ARCH: Partial<Record<NodeJS.Architecture, string>> = { x64: 'amd64', arm64: 'arm64' };

/**
 * Finds the anvil executable installed by the npm package `@foundry-rs/anvil`: first its
 * platform package (`@foundry-rs/anvil-<os>-<arch>/bin/anvil`), then the `anvil` launcher in a
 * `node_modules/.bin` above this file.
 * @param from - a file or URL to resolve packages from; defaults to this module
 * @returns the absolute path of an executable
 * @throws BaseError CHAIN_ERROR when neither is installed
 */
export function resolveAnvilBinary(from: string = import.meta.url): string {
  const tried: string[] = [];
  const arch = ARCH[process.arch];
  if (arch !== undefined) {
    const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
    const exe = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
    try {
      const wrapperJson = createRequire(from).resolve('@foundry-rs/anvil/package.json');
      const platformJson = createRequire(wrapperJson).resolve(`${platformPackage}/package.json`);
      const binary = path.join(path.dirname(platformJson), 'bin', exe);
      if (existsSync(binary)) return binary;
      tried.push(binary);
    } catch {
      tried.push(`${platformPackage}/bin/${exe} (package not resolvable)`);
    }
  }

  let dir = path.dirname(from.startsWith('file:') ? fileURLToPath(from) : path.resolve(from));
  for (;;) {
    const launcher = path.join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'anvil.cmd' : 'anvil');
    if (existsSync(launcher)) return launcher;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  tried.push('node_modules/.bin/anvil (not found above this package)');

  throw new BaseError('CHAIN_ERROR', 'The anvil binary is not installed', {
    data: { tried, platform: process.platform, arch: process.arch },
    details: 'Run `npm install` at the repository root: the @foundry-rs/anvil package provides anvil.',
    retryable: false,
  });
}
