/**
 * "With a public address", end to end from real plans: said when the plan shows the address (a `public_ip` it already
 * has) or a documented default gives it one (and then the message says so), never when the plan does not know.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { Finding } from '../src/findings/index.js';
import { loadDocument, readDocument } from '../src/terraform/index.js';
import { corpusFile } from './support/plans.js';

const PLAN = corpusFile('infracost/aws-ec2-rds-modules-tf0.14.11.json');
const STATE = corpusFile('infracost/state-aws-ec2-rds-tf0.14.11.json');

const spofOf = (findings: readonly Finding[], resource: string): Finding | undefined =>
  findings.find((f) => f.rule === 'spof' && f.resources[0] === resource && f.status !== 'fixed');

const ofFile = (path: string): readonly Finding[] => analyze([readDocument(path, readFileSync(path))]).findings;

function withoutConfiguration(path: string): readonly Finding[] {
  const json: Record<string, unknown> = JSON.parse(readFileSync(path, 'utf8'));
  return analyze([loadDocument('plan.json', Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'configuration')))]).findings;
}

describe('spof on a lone EC2 instance: its public address as the plan shows it', () => {
  const plan = ofFile(PLAN);

  it('an existing instance with a known public_ip is flagged alike from the plan, the plan without configuration, and the state', () => {
    for (const findings of [plan, withoutConfiguration(PLAN), ofFile(STATE)]) {
      const f = spofOf(findings, 'aws_instance.instance_1');
      expect(f?.message).toBe(
        'aws_instance.instance_1 is a single instance serving traffic (with a public address) with nothing beside it: when it, its host or its zone fails, everything it serves stops. This plan holds no firewall rules for it, so what its address lets in is not shown.',
      );
    }
  });

  it('a new instance that names no subnet and leaves the address out: the default VPC gives it one, and the message says it is a default', () => {
    expect(spofOf(plan, 'aws_instance.instance_2')?.message).toBe(
      'aws_instance.instance_2 is a single instance serving traffic (with a public address) with nothing beside it: when it, its host or its zone fails, everything it serves stops. It gets that public address by default: its configuration neither asks for one nor turns it off. This plan holds no firewall rules for it, so what its address lets in is not shown.',
    );
  });

  it('the same instance in a plan without configuration: the address is unknown, nothing is claimed', () => {
    expect(spofOf(withoutConfiguration(PLAN), 'aws_instance.instance_2')).toBeUndefined();
  });
});
