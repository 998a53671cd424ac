export { renderJson } from './json.js';
export { renderText, plain, summaryLine, type TextOptions } from './text.js';

export const FORMATS = ['text', 'markdown', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];
