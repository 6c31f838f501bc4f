import { fileURLToPath } from 'node:url';

/** The folder of the project's Solidity sources (`contracts/src`). */
export const CONTRACTS_SRC_DIR = fileURLToPath(new URL('../../../contracts/src', import.meta.url));
