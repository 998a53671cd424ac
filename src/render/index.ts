export { renderJson } from './json.js';
export { renderSarif, REPOSITORY_URL, FINGERPRINT_KEY, GITHUB_LIMITS, type SarifOptions } from './sarif.js';
export { renderText, plain, summaryLine, type TextOptions } from './text.js';
export { renderMarkdown, COMMENT_LIMIT, type MarkdownOptions, type SourceLinks } from './markdown.js';
export { renderSummary, SUMMARY_LIMIT_BYTES, type SummaryOptions } from './summary.js';
export { diagramOf, diagramOfReport, mermaidText } from './diagram.js';

export const FORMATS = ['text', 'markdown', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];
