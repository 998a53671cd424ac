// Types of validator.generated.js (written by scripts/validators.ts).
import type { ValidateFunction } from 'ajv';
import type { ConfigJson } from './schema.js';

export declare const config: ValidateFunction<ConfigJson>;
