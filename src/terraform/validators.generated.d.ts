// Types of validators.generated.js (written by scripts/validators.ts).
import type { ValidateFunction } from 'ajv';
import type { RawState, ShowJson } from './schema.js';

export declare const show: ValidateFunction<ShowJson>;
export declare const rawState: ValidateFunction<RawState>;
