/**
 * Model builders for rule and graph tests: small, explicit models without any Terraform JSON.
 * Every builder takes the entity id (a Terraform address) and the fields that matter to the test.
 */
import { configAddress } from '../../src/terraform/index.js';
import {
  byDefault,
  known,
  type Cloud,
  type DataStore,
  type Edge,
  type EdgeKind,
  type Entity,
  type FirewallPolicy,
  type FirewallRule,
  type Gateway,
  type Host,
  type Listener,
  type LoadBalancer,
  type Model,
  type Network,
  type Peer,
  type Placement,
  type PortRange,
  type PublicAddress,
  type RouteTable,
  type Subnet,
  type TargetPool,
  type Value,
} from '../../src/model/index.js';

const base = (id: string, cloud: Cloud = 'aws') => ({ id, cloud, source: [id], declaredBy: configAddress(id), tags: {} });

export function placement(zones: readonly string[] | Value<readonly string[]>, zoneRedundant: boolean | Value<boolean> = false, region?: string): Placement {
  return {
    region: region ?? 'us-east-1',
    zones: Array.isArray(zones) ? known(zones as readonly string[]) : (zones as Value<readonly string[]>),
    zoneRedundant: typeof zoneRedundant === 'boolean' ? known(zoneRedundant) : zoneRedundant,
  };
}

export const replicas = (n: number, max = n, min = n) => ({ min: known(min), desired: known(n), max: known(max) });

export function network(id: string, over: Partial<Network> = {}): Network {
  return { ...base(id), kind: 'network', cidrs: ['10.0.0.0/16'], region: 'us-east-1', ...over };
}

export function subnet(id: string, zone: string, over: Partial<Subnet> = {}): Subnet {
  return { ...base(id), kind: 'subnet', cidrs: [], placement: placement([zone]), assignsPublicIp: byDefault(false), ...over };
}

export function host(id: string, zones: readonly string[], over: Partial<Host> = {}): Host {
  return {
    ...base(id),
    kind: 'host',
    role: 'instance',
    replicas: replicas(1),
    placement: placement(zones),
    publicIp: byDefault(false),
    labels: [],
    serviceAccounts: [],
    ...over,
  };
}

export function loadBalancer(id: string, zones: readonly string[], over: Partial<LoadBalancer> = {}): LoadBalancer {
  return {
    ...base(id),
    kind: 'load-balancer',
    layer: 'application',
    internetFacing: known(true),
    placement: placement(zones),
    replicas: replicas(zones.length || 1),
    ...over,
  };
}

export const targetPool = (id: string, over: Partial<TargetPool> = {}): TargetPool => ({ ...base(id), kind: 'target-pool', port: 80, ...over });

export const listener = (id: string, port: number, over: Partial<Listener> = {}): Listener => ({
  ...base(id),
  kind: 'listener',
  port: known(port),
  protocol: 'HTTP',
  ...over,
});

export function gateway(id: string, gatewayKind: Gateway['gatewayKind'], zones: readonly string[], over: Partial<Gateway> = {}): Gateway {
  return { ...base(id), kind: 'gateway', gatewayKind, placement: placement(zones), paths: known(1), ...over };
}

export const routeTable = (id: string, over: Partial<RouteTable> = {}): RouteTable => ({ ...base(id), kind: 'route-table', isDefault: false, ...over });

export const publicAddress = (id: string, over: Partial<PublicAddress> = {}): PublicAddress => ({
  ...base(id),
  kind: 'public-address',
  placement: placement([]),
  ...over,
});

export function policy(id: string, over: Partial<FirewallPolicy> = {}): FirewallPolicy {
  return { ...base(id), kind: 'firewall-policy', evaluation: 'allow-union', isDefault: false, ...over };
}

/** An ingress allow rule; `ports` as [from, to] pairs or 'all'. */
export function rule(
  id: string,
  policyId: string,
  peers: readonly Peer[],
  ports: ReadonlyArray<readonly [number, number]> | 'all',
  over: Partial<FirewallRule> = {},
): FirewallRule {
  const ranges: PortRange[] = ports === 'all' ? [{ from: 0, to: 65535 }] : ports.map(([from, to]) => ({ from, to }));
  return {
    ...base(id),
    kind: 'firewall-rule',
    policy: policyId,
    direction: 'ingress',
    action: 'allow',
    priority: undefined,
    protocol: ports === 'all' ? 'all' : 'tcp',
    ports: ranges,
    peers,
    targets: { kind: 'all' },
    enabled: known(true),
    ...over,
  };
}

/** An inline rule of a policy (`aws_security_group.web#ingress[0]`): declared by, and named after, its policy. */
export function inlineRule(
  policyId: string,
  index: number,
  peers: readonly Peer[],
  ports: ReadonlyArray<readonly [number, number]> | 'all',
  over: Partial<FirewallRule> = {},
): FirewallRule {
  return rule(`${policyId}#ingress[${index}]`, policyId, peers, ports, { source: [policyId], declaredBy: configAddress(policyId), ...over });
}

export const world: Peer = { kind: 'world', family: 'ipv4' };
export const world6: Peer = { kind: 'world', family: 'ipv6' };
export const cidr = (c: string): Peer => ({ kind: 'cidr', cidr: c });
export const fromPolicy = (id: string): Peer => ({ kind: 'policy', id });

export function datastore(id: string, over: Partial<DataStore> = {}): DataStore {
  return {
    ...base(id),
    kind: 'datastore',
    category: 'relational',
    engine: 'postgres',
    ports: [5432],
    replicas: known(1),
    placement: placement(['us-east-1a']),
    publiclyAccessible: byDefault(false),
    redundancyKnob: { attribute: 'multi_az', value: 'true' },
    ...over,
  };
}

export const edge = (from: string, kind: EdgeKind, to: string, via = 'test'): Edge => ({ from, to, kind, via });

/** A model from entities and edges; edges to unknown ids are kept so tests see what they wrote. */
export function model(entities: readonly Entity[], edges: readonly Edge[] = []): Model {
  return { entities: new Map(entities.map((e) => [e.id, e])), edges, unmodelled: {}, resourceCount: entities.length };
}
