import { describe, expect, it } from 'vitest';
import { check } from '../analyze.js';
import { known } from '../model/index.js';
import { datastore, edge, host, placement, targetPool } from '../../test/support/builders.js';
import { corpusFile, modelOfFile } from '../../test/support/plans.js';
import { findingsOf, ruleTester } from '../../test/support/rule-tester.js';
import { A, B, C, privateSubnets, service, threeTier } from '../../test/support/services.js';
import { cutPoint } from './cut-point.js';
import { percent } from './lib/graph-text.js';
import { singleAzDatabase } from './single-az-database.js';
import { spof } from './spof.js';

const PATH = ['internet', 'aws_lb.web', 'aws_autoscaling_group.web', 'aws_db_instance.main'];

ruleTester(cutPoint, {
  quiet: [
    { name: 'a redundant web tier on a Multi-AZ database', model: service(threeTier({ db: 'multi-az' })) },
    { name: 'a load balancer and a group both in two zones', model: service(threeTier({ lbZones: [A, B], webZones: [A, B] })) },
    {
      name: 'a single database no one reaches from the internet (its own finding says all)',
      model: service({ entities: [datastore('aws_db_instance.alone', { replicas: known(1) })], edges: [] }),
    },
    { name: 'one NAT gateway per zone, each zone routed to its own', model: service(privateSubnets('per-zone')) },
    {
      name: 'a one-zone load balancer in front of a group in that same zone: the zone takes nothing else down',
      model: service(threeTier({ lbZones: [A], webZones: [A], db: 'multi-az' }), {
        entities: [datastore('aws_db_instance.main', { placement: placement([A], true), replicas: known(2) })],
      }),
    },
    {
      name: 'a single-AZ read replica beside a Multi-AZ primary, both admitting the web tier: the data lives on in the primary',
      model: service(threeTier({ db: 'multi-az' }), {
        entities: [datastore('aws_db_instance.replica', { replicas: known(1) })],
        edges: [edge('aws_db_instance.replica', 'protected-by', 'aws_security_group.db', 'vpc_security_group_ids'), edge('aws_db_instance.replica', 'references', 'aws_db_instance.main', 'replicate_source_db')],
      }),
    },
  ],
  fires: [
    {
      name: 'a redundant web tier on a single database: the database is the cut point, the web tier its blast radius',
      model: service(threeTier({ db: 'single' })),
      findings: [
        {
          resource: 'aws_db_instance.main',
          severity: 'high',
          path: PATH,
          message: ['only copy of data', 'aws_autoscaling_group.web (2 instances in zones us-east-1a and us-east-1b)', 'aws_lb.web', '100% of the service'],
          remediation: ['Set `multi_az = true`', 'roughly doubles'],
          related: ['aws_autoscaling_group.web', 'aws_lb.web'],
        },
      ],
    },
    {
      name: 'a multi-zone group behind a one-zone load balancer: the load balancer, and the group stops with its zone',
      model: service(threeTier({ lbZones: [A], webZones: [A, B, C], webReplicas: 3 })),
      findings: [
        {
          resource: 'aws_lb.web',
          severity: 'high',
          path: PATH,
          message: ['runs only in us-east-1a', 'aws_autoscaling_group.web (3 instances in zones us-east-1a, us-east-1b and us-east-1c) stops too', 'copies in other zones'],
          remediation: ['at least two zones'],
        },
      ],
    },
    {
      name: 'a single web instance between a redundant load balancer and a Multi-AZ database',
      model: service(threeTier({ webReplicas: 1, webZones: [A] })),
      findings: [{ resource: 'aws_autoscaling_group.web', severity: 'high', path: PATH, message: ['nothing beside it', 'aws_lb.web (zones us-east-1a and us-east-1b) stops with it'], remediation: ['at least two instances'] }],
    },
    {
      name: 'three private subnets on one NAT gateway: the group loses its way out, in every zone',
      model: service(privateSubnets('one')),
      findings: [
        {
          resource: 'aws_nat_gateway.main[0]',
          severity: 'medium',
          path: ['aws_autoscaling_group.web', 'aws_route_table.private[0]', 'aws_nat_gateway.main[0]', 'internet'],
          message: ['only way out to the internet for aws_autoscaling_group.web (3 instances', 'their copies in us-east-1b and us-east-1c included'],
          remediation: ['one NAT gateway per zone'],
        },
      ],
    },
  ],
});

describe('the share of serving instances a cut point stops', () => {
  it('is a rounded percentage, and a share that rounds to nothing reads as less than 1%, not 0%', () => {
    expect([percent(1), percent(0.666), percent(0.004), percent(0)]).toEqual(['100%', '67%', 'less than 1%', '0%']);
  });
});

describe('cut-point remediation for a host whose adapter names its scaling setting', () => {
  it('says which setting runs more copies (an App Service plan\'s workers), not "a group of instances"', () => {
    const parts = threeTier({ webReplicas: 1, webZones: [A] });
    const entities = parts.entities.map((e) => (e.id === 'aws_autoscaling_group.web' && e.kind === 'host' ? { ...e, scaleKnob: { attribute: 'worker_count', value: '2 or more' } } : e));
    const found = findingsOf(cutPoint, service({ entities, edges: parts.edges })).find((f) => f.resources[0] === 'aws_autoscaling_group.web');
    expect(found?.remediation).toBe('Fix with `worker_count`: 2 or more.');
  });
});

describe('cut-point on a tier of servers declared one by one', () => {
  // A real plan (terraform 1.11, aws 5.100): fixtures/aws/two-servers-one-zone/main.tf.
  it('names the tier by both servers, as a plural subject, so that "2 instances" does not read as two of the first', () => {
    const found = check(modelOfFile('fixtures/aws/two-servers-one-zone/plan.json'), 'plan.json').find((f) => f.rule === 'cut-point' && f.resources[0] === 'aws_instance.web_a');
    expect(found?.message).toContain('passes through aws_instance.web_a and aws_instance.web_b (2 instances in zone eu-west-1a), which run only in eu-west-1a');
  });
});

describe('cut-point when the internet has another way to the data', () => {
  // A real plan (checkov's corpus, terraform 0.12): a load balancer in front of one web server, and a second server
  // whose group admits the world on 80 too, both admitted by the database. The web server cuts off the load
  // balancer, not the internet: the message must not say every path from the internet passes through it.
  it('names what it cuts off instead of claiming every path from the internet', () => {
    const findings = check(modelOfFile(corpusFile('checkov/aws-vpc-subnets-sg-ec2-rds-count-tf0.12.23.json')), 'plan.json');
    const found = findings.find((f) => f.rule === 'cut-point' && f.resources[0] === 'aws_instance.web_host');
    expect(found?.message).toBe(
      'aws_elb.weblb (zone us-west-2a) has no service path to the data but through aws_instance.web_host (1 instance in zone us-west-2a), which has nothing beside it: when it fails, aws_elb.weblb stops with it (67% of the service\'s serving instances).',
    );
    // The database is on every path, and its message says so through what stops with it.
    expect(findings.find((f) => f.rule === 'cut-point' && f.resources[0] === 'aws_db_instance.default')?.message).toContain('is the only copy of data the service needs');
  });
});

describe('cut-point blast radius', () => {
  it('a single instance whose loss stops nothing but itself is left to spof; the shared database stops everything', () => {
    // Two backends behind one load balancer on one database: losing the API's lone instance stops only the API.
    const base = threeTier({ db: 'single' });
    const api = host('aws_instance.api', [A]);
    const pool = targetPool('aws_lb_target_group.api');
    const m = service(base, {
      entities: [api, pool],
      edges: [edge('aws_lb.web', 'forwards-to', pool.id), edge(pool.id, 'targets', api.id), edge(api.id, 'protected-by', 'aws_security_group.web')],
    });
    const found = findingsOf(cutPoint, m);
    const db = found.find((f) => f.resources[0] === 'aws_db_instance.main')!;
    expect(db.message).toContain('100% of the service');
    expect(found.map((f) => f.resources[0])).not.toContain('aws_instance.api');
  });
});

describe('one weak link, one finding', () => {
  it('the database cut point absorbs single-az-database on the same database, keeping the higher score', () => {
    const m = service(threeTier({ db: 'single' }));
    const alone = findingsOf(singleAzDatabase, m)[0]!;
    const merged = check(m, 'plan.json', { rules: [singleAzDatabase, spof, cutPoint] }).filter((f) => f.resources[0] === 'aws_db_instance.main');
    expect(merged.map((f) => f.rule)).toEqual(['cut-point']);
    expect(merged[0]!.score).toBeGreaterThanOrEqual(alone.score);
    expect(merged[0]!.path).toEqual(PATH);
  });

  it('the load balancer cut point absorbs spof on the same load balancer', () => {
    const m = service(threeTier({ lbZones: [A], webZones: [A, B, C], webReplicas: 3 }));
    expect(findingsOf(spof, m).map((f) => f.resources[0])).toContain('aws_lb.web');
    const found = check(m, 'plan.json', { rules: [spof, cutPoint] }).map((f) => `${f.rule} ${f.resources[0]}`);
    expect(found).toContain('cut-point aws_lb.web');
    expect(found).not.toContain('spof aws_lb.web');
  });

  it('the NAT cut point absorbs spof on the same NAT gateway', () => {
    const found = check(service(privateSubnets('one')), 'plan.json', { rules: [spof, cutPoint] }).map((f) => `${f.rule} ${f.resources[0]}`);
    expect(found).toContain('cut-point aws_nat_gateway.main[0]');
    expect(found).not.toContain('spof aws_nat_gateway.main[0]');
  });
});

describe('cut-point on a NAT gateway that a cluster control plane sits behind', () => {
  // juice-shop's corpus plan (terraform 1.2): one NAT gateway for the private subnets of three zones, holding the EKS
  // workers and the cluster's control-plane interfaces. The control plane's way out is the provider's, not the NAT.
  it('names the workers that lose their way out, not the managed control plane, and counts no copies of it', () => {
    const found = check(modelOfFile(corpusFile('juice-shop/aws-eks-vpc-3az-asg-sgs-tf1.2.4.json')), 'plan.json').find((f) => f.rule === 'cut-point' && f.resources[0] === 'module.includes.module.vpc.aws_nat_gateway.this[0]');
    expect(found?.message).toContain('is the only way out to the internet for module.includes.module.eks.aws_autoscaling_group.workers (3 instances in zones us-east-1a, us-east-1b and us-east-1c)');
    expect(found?.message).not.toContain('aws_eks_cluster');
  });
});
