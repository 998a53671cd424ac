import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, check } from '../analyze.js';
import { readDocument } from '../terraform/index.js';
import { known, type Edge, type Entity } from '../model/index.js';
import { datastore, edge, fromPolicy, host, inlineRule, placement, policy, targetPool, world } from '../../test/support/builders.js';
import { corpusFile } from '../../test/support/plans.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { A, B, service, threeTier } from '../../test/support/services.js';
import { spof } from './spof.js';
import { zoneSpof } from './zone-spof.js';

/**
 * Blue and green: two single instances behind their own target groups of one two-zone load balancer, in front of
 * a Multi-AZ database. Neither instance alone is a cut point; their zones decide.
 */
function blueGreen(greenZone: string) {
  const base = threeTier({ db: 'multi-az' });
  const keep = base.entities.filter((e) => e.id !== 'aws_autoscaling_group.web' && e.id !== 'aws_lb_target_group.web');
  const entities: Entity[] = [...keep];
  const edges: Edge[] = base.edges.filter((e) => e.from !== 'aws_lb.web' && e.to !== 'aws_autoscaling_group.web' && e.from !== 'aws_autoscaling_group.web');
  for (const [name, zone] of [['blue', A], ['green', greenZone]] as const) {
    const vm = host(`aws_instance.${name}`, [zone]);
    const pool = targetPool(`aws_lb_target_group.${name}`, { port: 8080 });
    entities.push(vm, pool);
    edges.push(edge('aws_lb.web', 'forwards-to', pool.id), edge(pool.id, 'targets', vm.id), edge(vm.id, 'protected-by', 'aws_security_group.web'));
  }
  return service({ entities, edges });
}

ruleTester(zoneSpof, {
  quiet: [
    { name: 'blue in one zone, green in another', model: blueGreen(B) },
    { name: 'a three-tier service in two zones throughout', model: service(threeTier()) },
    { name: 'a single database in one zone: a cut point, not a zone finding', model: service(threeTier({ db: 'single' })) },
    {
      name: 'everything in one zone with a single database: the database (a cut point) explains it',
      model: service(threeTier({ lbZones: [A], webZones: [A], db: 'single' })),
    },
    {
      // Nothing else stops with it, so it is no cut point; its own finding (single-az-database) is the one.
      name: 'a single public database the internet reaches directly: its own weak link, not the zone\'s',
      model: service({
        entities: [
          datastore('aws_db_instance.public', { placement: placement([A]), replicas: known(1), publiclyAccessible: known(true) }),
          policy('aws_security_group.db'),
          inlineRule('aws_security_group.db', 0, [world], [[5432, 5432]]),
        ],
        edges: [edge('aws_db_instance.public', 'protected-by', 'aws_security_group.db')],
      }),
    },
  ],
  fires: [
    {
      name: 'a single public instance in front of a Multi-AZ database: alone in its zone, said without "side by side"',
      model: service({
        entities: [
          host('aws_instance.web', [A], { publicIp: known(true) }),
          datastore('aws_db_instance.main', { placement: placement([A, B], true), replicas: known(2) }),
          policy('aws_security_group.web'),
          inlineRule('aws_security_group.web', 0, [world], [[443, 443]]),
          policy('aws_security_group.db'),
          inlineRule('aws_security_group.db', 0, [fromPolicy('aws_security_group.web')], [[5432, 5432]]),
        ],
        edges: [edge('aws_instance.web', 'protected-by', 'aws_security_group.web'), edge('aws_db_instance.main', 'protected-by', 'aws_security_group.db')],
      }),
      findings: [
        {
          resource: 'aws_instance.web',
          severity: 'medium',
          message: ['aws_instance.web (1 instance in zone us-east-1a) runs only there, so one zone outage stops the service.'],
          notMessage: ['side by side', 'no single resource is alone'],
        },
      ],
    },
    {
      name: 'blue and green side by side in one zone: every path passes through it',
      model: blueGreen(A),
      findings: [
        {
          resource: 'aws_instance.blue',
          severity: 'medium',
          message: ['Every path from the internet to aws_db_instance.main passes through zone us-east-1a', 'aws_instance.blue (1 instance in zone us-east-1a) and aws_instance.green (1 instance in zone us-east-1a) run only there'],
          path: ['internet', 'aws_lb.web', 'aws_instance.blue', 'aws_db_instance.main'],
          related: ['aws_instance.green'],
          notMessage: ['so one zone outage stops the service.'],
        },
      ],
    },
    {
      name: 'a one-zone load balancer and a one-zone group in front of a Multi-AZ database',
      model: service(threeTier({ lbZones: [A], webZones: [A] }), {
        entities: [datastore('aws_db_instance.main', { placement: placement([A, B], true), replicas: known(2) })],
      }),
      findings: [{ resource: 'aws_lb.web', severity: 'medium', message: ['aws_lb.web (zone us-east-1a) and aws_autoscaling_group.web (2 instances in zone us-east-1a) run only there'] }],
    },
  ],
});

describe('one weak link, one finding', () => {
  it('absorbs the spof findings of the resources that live only in that zone', () => {
    const m = service(threeTier({ lbZones: [A], webZones: [A] }));
    const found = check(m, 'plan.json', { rules: [spof, zoneSpof] }).map((f) => `${f.rule} ${f.resources[0]}`);
    expect(found).toEqual(['zone-spof aws_lb.web']);
  });
});

describe('a single-zone database the internet reaches directly (fixtures/azure/single-vm)', () => {
  it('is one finding, single-az-database, and no zone-spof whose fix does not apply to it', () => {
    const path = fileURLToPath(new URL('../../fixtures/azure/single-vm/plan.json', import.meta.url));
    const findings = analyze([readDocument(path, readFileSync(path))]).findings;
    const db = 'azurerm_postgresql_flexible_server.bad_zonal_db';
    const reliability = findings.filter((f) => f.resources[0] === db && ['spof', 'zone-spof', 'cut-point', 'single-az-database'].includes(f.rule));
    expect(reliability.map((f) => f.rule)).toEqual(['single-az-database']);
    expect(findings.filter((f) => f.rule === 'zone-spof')).toEqual([]);
  });
});

describe('singles that are weak links of their own beside the zone (checkov corpus: one-zone ELB, two single instances)', () => {
  it('does not claim "no single resource is alone", names the single point of failure, and fixes each kind as it is fixed', () => {
    const path = corpusFile('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json');
    const zone = analyze([readDocument(path, readFileSync(path))]).findings.filter((f) => f.rule === 'zone-spof');
    expect(zone).toHaveLength(1);
    expect(zone[0]!.message).not.toContain('no single resource is alone');
    expect(zone[0]!.message).toContain('so one zone outage stops the service (and aws_instance.web_host, a single instance, is a single point of failure of its own besides).');
    expect(zone[0]!.remediation).toBe(
      'Run aws_instance.db_app and aws_instance.web_host as groups of at least two instances spread over two zones or more, and spread aws_elb.weblb over at least two zones (subnets or zones in a second zone), so that a path from the internet to the data survives the loss of us-west-2a.',
    );
  });
});

describe('blue and green in one zone', () => {
  it('says to place them in different zones, not to turn each into a group', () => {
    const [finding] = check(blueGreen(A), 'plan.json', { rules: [zoneSpof] });
    expect(finding!.remediation).toBe('Place them in different zones (one of them in a subnet or zone of a second zone), so that a path from the internet to the data survives the loss of us-east-1a.');
  });
});
