export { parseConfig, EMPTY_CONFIG, DEFAULT_CONFIG_FILE, type Config, type IgnoreEntry } from './parse.js';
export { compileGlob } from './glob.js';
export { configSchema, CONFIG_SEVERITIES, TIERS, type ConfigSeverity, type Tier } from './schema.js';
