// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Imports that perform I/O or belong to an outer layer: pure code must not use them.
 * Bare module names are matched exactly (`paths`), so a local folder named `http/` is fine.
 */
const IMPURE_MODULES = {
  'Pure code (protocol, domain, scheduler, tensor, verification, any core/) must not do I/O: take what you need through a port.': ['fs', 'fs/promises', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto'],
  'Pure code must not touch storage: declare a port in core/ and implement it in packages/db.': ['kysely', 'better-sqlite3', 'pg', '@tensorgrid/db'],
  'Pure code must not touch the chain: declare a port and implement it in packages/chain.': ['viem', '@tensorgrid/chain'],
  'Pure code must not depend on servers, sockets, logs or probes.': ['fastify', 'ws', 'pino', 'systeminformation'],
  'Pure code must not depend on I/O packages.': ['@tensorgrid/sdk', '@tensorgrid/config'],
};
const IMPURE_PATTERNS = [
  { group: ['node:*'], message: 'Pure code (protocol, domain, scheduler, tensor, verification, any core/) must not do I/O: take what you need through a port.' },
  { group: ['viem/*', '@fastify/*'], message: 'Pure code must not touch the chain or servers.' },
];

const paths = (byMessage) => Object.entries(byMessage).flatMap(([message, names]) => names.map((name) => ({ name, message })));
const restrict = (byMessage, patterns = []) => ({ 'no-restricted-imports': ['error', { paths: paths(byMessage), patterns }] });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.tensorgrid/**', '.test-results/**', 'packages/chain/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', performance: 'readonly' } },
    rules: {
      'max-params': ['error', 3],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // No console in packages: they log through pino or return data.
  { files: ['packages/**/src/**/*.ts'], rules: { 'no-console': 'error' } },
  // process.env is read only in packages/config and composition roots (main.ts), and in test/script harnesses.
  {
    files: ['packages/**/*.ts', 'apps/**/*.ts'],
    ignores: ['packages/config/**', '**/main.ts', '**/*.test.ts', 'packages/test-utils/**', 'packages/*/scripts/**', 'apps/*/scripts/**'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment only in packages/config or a main.ts composition root, then pass values down.' }] },
  },
  // Pure layers.
  { files: ['packages/protocol/src/**/*.ts', 'packages/domain/src/**/*.ts', 'packages/scheduler/src/**/*.ts', 'packages/tensor/src/**/*.ts', 'packages/verification/src/**/*.ts', '**/core/**/*.ts'], rules: restrict(IMPURE_MODULES, IMPURE_PATTERNS) },
  { files: ['packages/db/src/**/*.ts'], rules: restrict({ 'packages/db may use protocol, domain and kysely only.': ['viem', '@tensorgrid/chain', '@tensorgrid/sdk', 'fastify'] }) },
  { files: ['packages/chain/src/**/*.ts'], rules: restrict({ 'packages/chain may use protocol, domain and viem only.': ['kysely', 'better-sqlite3', 'pg', '@tensorgrid/db', '@tensorgrid/sdk', 'fastify'] }) },
  { files: ['packages/sdk/src/**/*.ts'], rules: restrict({ 'The SDK speaks only the protocol: no server code, db or chain internals.': ['kysely', 'better-sqlite3', 'pg', '@tensorgrid/db', '@tensorgrid/chain', 'fastify', '@tensorgrid/coordinator'] }) },
  { files: ['apps/worker/src/**/*.ts', 'apps/verifier/src/**/*.ts'], rules: restrict({ 'Agents talk to the coordinator through @tensorgrid/sdk, never its database or code.': ['kysely', 'better-sqlite3', 'pg', '@tensorgrid/db', '@tensorgrid/coordinator'] }) },
);
