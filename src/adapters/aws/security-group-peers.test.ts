import { describe, expect, it } from 'vitest';
import type { FirewallRule } from '../../model/index.js';
import { modelOfFile } from '../../../test/support/plans.js';

const fixture = (name: string) => new URL(`../../../fixtures/aws/${name}/plan.json`, import.meta.url).pathname;

describe('inline security group references known only after apply', () => {
  it('reach the referenced group through the block-wide reference list Terraform records', () => {
    const model = modelOfFile(fixture('well-built'));
    const rule = [...model.entities.values()].find((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === 'aws_security_group.db' && e.direction === 'ingress');
    expect(rule?.peers).toEqual([{ kind: 'policy', id: 'aws_security_group.app' }]);
  });

  it('a world rule in the same group keeps only its own peers', () => {
    const model = modelOfFile(fixture('well-built'));
    const alb = [...model.entities.values()].filter((e): e is FirewallRule => e.kind === 'firewall-rule' && e.policy === 'aws_security_group.alb' && e.direction === 'ingress');
    for (const r of alb) expect(r.peers.every((p) => p.kind === 'world')).toBe(true);
  });
});
