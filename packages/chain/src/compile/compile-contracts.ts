import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BaseError } from '@tensorgrid/protocol';
import type { Abi, Hex } from 'viem';

/** Solidity compiler settings: part of the source hash, so changing them makes artifacts stale. */
export const SOLC_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
} as const;

/** Parameters of {@link compileContracts}. */
export interface CompileContractsParams {
  /** Folder whose `.sol` files (recursively) are compiled, e.g. `contracts/src`. */
  contractsDir: string;
  /** Where package imports (`@openzeppelin/...`) are resolved from; defaults to this package. */
  resolveFrom?: string;
}

/** One compiled contract. */
export interface CompiledContract {
  /** The contract's name, e.g. `GridToken`. */
  name: string;
  /** Its source unit, relative to `contractsDir` with forward slashes. */
  sourcePath: string;
  /** The ABI. */
  abi: Abi;
  /** Creation bytecode (`0x` for interfaces and abstract contracts). */
  bytecode: Hex;
}

/** Result of {@link compileContracts}. */
export interface CompileContractsResult {
  /** The contracts defined in `contractsDir` (not those imported from packages), sorted by name. */
  contracts: CompiledContract[];
  /** sha256 over solc's version, the settings and every source compiled (imports included). */
  sourceHash: Hex;
  /** The compiler version, e.g. `0.8.37+commit....Emscripten.clang`. */
  solcVersion: string;
  /** Formatted warnings about the folder's own sources, for the caller to show. */
  warnings: string[];
}

interface SolcMessage {
  severity: 'error' | 'warning' | 'info';
  formattedMessage?: string;
  message: string;
  sourceLocation?: { file: string };
}

interface SolcOutput {
  errors?: SolcMessage[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
}

interface Solc {
  version(): string;
  compile(input: string, callbacks: { import: (p: string) => { contents: string } | { error: string } }): string;
}

/**
 * Compiles every `.sol` file under a folder with solc-js (standard JSON, optimizer 200 runs,
 * evmVersion cancun), resolving package imports from node_modules.
 * @param params - the contracts folder and where to resolve package imports from
 * @returns the compiled contracts of that folder, a hash of everything compiled, and warnings
 * @throws BaseError CHAIN_ERROR (not retryable) listing every compiler error
 */
export async function compileContracts(params: CompileContractsParams): Promise<CompileContractsResult> {
  const root = path.resolve(params.contractsDir);
  const files = (await listSolidityFiles(root)).sort();
  if (files.length === 0) {
    throw new BaseError('CHAIN_ERROR', `No .sol files under ${root}`, { data: { contractsDir: root }, retryable: false });
  }
  const sources: Record<string, { content: string }> = {};
  for (const file of files) {
    sources[path.relative(root, file).split(path.sep).join('/')] = { content: await readFile(file, 'utf8') };
  }

  const solc = (await import('solc')).default as unknown as Solc;
  const require = createRequire(params.resolveFrom ?? import.meta.url);
  const imported: Record<string, string> = {};
  const findImports = (importPath: string): { contents: string } | { error: string } => {
    try {
      const contents = readFileSync(require.resolve(importPath), 'utf8');
      imported[importPath] = contents;
      return { contents };
    } catch {
      return { error: `File not found in node_modules: ${importPath}` };
    }
  };

  const input = { language: 'Solidity', sources, settings: SOLC_SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput;
  const messages = output.errors ?? [];
  const format = (m: SolcMessage): string => (m.formattedMessage ?? m.message).trim();
  const errors = messages.filter((m) => m.severity === 'error').map(format);
  if (errors.length > 0) {
    throw new BaseError('CHAIN_ERROR', `Solidity compilation failed with ${errors.length} error(s)`, {
      data: { errors, contractsDir: root },
      details: errors.join('\n\n'),
      retryable: false,
    });
  }

  const contracts: CompiledContract[] = [];
  for (const sourcePath of Object.keys(sources)) {
    for (const [name, artifact] of Object.entries(output.contracts?.[sourcePath] ?? {})) {
      contracts.push({ name, sourcePath, abi: artifact.abi, bytecode: `0x${artifact.evm.bytecode.object}` });
    }
  }
  contracts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const solcVersion = solc.version();
  const allSources = { ...Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, v.content])), ...imported };
  return {
    contracts,
    sourceHash: hashSources(allSources, solcVersion),
    solcVersion,
    // Warnings about imported packages' code (OpenZeppelin's `at`, a future keyword) are not ours to fix.
    warnings: messages.filter((m) => m.severity !== 'error' && !(m.sourceLocation && Object.hasOwn(imported, m.sourceLocation.file))).map(format),
  };
}

function hashSources(sources: Record<string, string>, solcVersion: string): Hex {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ solcVersion, settings: SOLC_SETTINGS }));
  for (const name of Object.keys(sources).sort()) {
    hash.update(`\0${name}\0${sources[name]}`);
  }
  return `0x${hash.digest('hex')}`;
}

async function listSolidityFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((cause: unknown) => {
    throw new BaseError('CHAIN_ERROR', `Cannot read contracts folder ${dir}`, { cause, data: { contractsDir: dir }, retryable: false });
  });
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listSolidityFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.sol')) out.push(full);
  }
  return out;
}
