import { openIngress } from './open-ingress.js';
import type { Rule } from './rule.js';
import { segmentation } from './segmentation.js';
import { singleAzDatabase } from './single-az-database.js';
import { spof } from './spof.js';

export type { Rule, RuleMeta, RuleContext, RuleSettings, Report, RuleTag } from './rule.js';
export { DEFAULT_SETTINGS, RULE_TAGS } from './rule.js';
export { mergeReports, type RuleRun } from './lib/merge.js';

/** Every rule, in a plain list. */
export const RULES: readonly Rule[] = [openIngress, singleAzDatabase, spof, segmentation];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
