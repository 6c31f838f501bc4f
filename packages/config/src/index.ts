/**
 * @module @tensorgrid/config
 * Loads and validates configuration once: defaults < file < environment < flags.
 */
export { loadConfig, type LoadConfigSources } from './load-config';
