import { cutPoint } from './cut-point.js';
import { dataReachable } from './data-reachable.js';
import { flatNetwork } from './flat-network.js';
import { openIngress } from './open-ingress.js';
import type { Rule } from './rule.js';
import { segmentation } from './segmentation.js';
import { singleAzDatabase } from './single-az-database.js';
import { spof } from './spof.js';
import { singleRegion } from './single-region.js';
import { zoneSpof } from './zone-spof.js';

export type { Rule, RuleMeta, RuleContext, RuleSettings, Report, RuleTag } from './rule.js';
export { DEFAULT_SETTINGS, RULE_TAGS } from './rule.js';
export { mergeReports, type RuleRun } from './lib/merge.js';

/** Every rule, in a plain list. */
/** The first set reads resources one by one; the graph rules after them read the dependency graph and absorb what they explain. */
export const RULES: readonly Rule[] = [openIngress, singleAzDatabase, spof, segmentation, cutPoint, zoneSpof, dataReachable, flatNetwork, singleRegion];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
