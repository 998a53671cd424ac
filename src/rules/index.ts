import type { Rule } from './rule.js';

export type { Rule, RuleMeta, RuleContext, RuleSettings, Report, RuleTag } from './rule.js';
export { DEFAULT_SETTINGS, RULE_TAGS } from './rule.js';

/** Every rule, in a plain list. */
export const RULES: readonly Rule[] = [];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
