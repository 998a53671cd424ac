import { SENSITIVE_PEER, type Evaluation, type Peer, type PortRange, type Protocol, type TargetSelector } from './network.js';
import { known, type Value } from './value.js';

export const CLOUDS = ['aws', 'gcp', 'azure'] as const;
export type Cloud = (typeof CLOUDS)[number];

/**
 * Where an entity runs. Zones are failure domains, written `<region>/<zone>` when the region is known so that
 * AWS (`us-east-1/us-east-1a`, or an AZ id), Google (`europe-west1/europe-west1-b`) and Azure
 * (`westeurope/1`) compare alike. An empty, known list means "not pinned to a zone": the cloud put it in one place
 * it chose, which is no redundancy at all.
 */
export interface Placement {
  readonly region: string | undefined;
  readonly zones: Value<readonly string[]>;
  /** The service itself keeps copies in several zones (Multi-AZ RDS, Cloud SQL REGIONAL, ZRS, regional NAT). */
  readonly zoneRedundant: Value<boolean>;
}

/** How many copies of a thing run. For a single instance all three are 1. */
export interface Replicas {
  readonly min: Value<number>;
  readonly desired: Value<number>;
  readonly max: Value<number>;
}

/**
 * The attribute that turns on redundancy, named by the adapter in its cloud's words, so a cloud-neutral rule can
 * still say exactly what to change (`multi_az = true`, `availability_type = "REGIONAL"`).
 */
export interface Knob {
  readonly attribute: string;
  readonly value: string;
}

interface Base {
  /**
   * Unique in a model: the instance address, or for parts declared inside another resource (inline firewall
   * rules) that address with a `#` suffix (`aws_security_group.web#ingress[0]`).
   */
  readonly id: string;
  readonly cloud: Cloud;
  /** Every Terraform address that contributed to this entity; the first declares it and names its findings. */
  readonly source: readonly string[];
  /** The address of the declaring block without instance keys: instances of one `count`/`for_each` share it. */
  readonly declaredBy: string;
  /** User labels (AWS/Azure tags, Google labels), only `weaklink:*` keys and `Name`/`Tier`/`Role`. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface Network extends Base {
  readonly kind: 'network';
  readonly cidrs: readonly string[];
  readonly region: string | undefined;
}

export interface Subnet extends Base {
  readonly kind: 'subnet';
  readonly cidrs: readonly string[];
  readonly placement: Placement;
  /** Instances launched here get a public address unless they say otherwise (AWS map_public_ip_on_launch). */
  readonly assignsPublicIp: Value<boolean>;
}

/**
 * What a host is. A `cluster` is a managed Kubernetes control plane (its API server and the rest, run by the cloud);
 * its node groups are hosts of their own (`node-group`). A `function` (a serverless function attached to a network) runs as many copies as it has
 * invocations, in the zones of its subnets, and connects out only: its interfaces take no inbound connections, so
 * no firewall rule admits anything to it, though its groups still name it as a source for others.
 */
export type HostRole = 'instance' | 'group' | 'container-service' | 'node-group' | 'cluster' | 'function';

export interface Host extends Base {
  readonly kind: 'host';
  readonly role: HostRole;
  readonly replicas: Replicas;
  readonly placement: Placement;
  readonly publicIp: Value<boolean>;
  /** Labels firewall rules can select by (Google network tags). */
  readonly labels: readonly string[];
  readonly serviceAccounts: readonly string[];
  /** The setting that runs more copies, in the cloud's words, where the adapter knows a better one than "the group's size". */
  readonly scaleKnob?: Knob;
}

export type LoadBalancerLayer = 'application' | 'network' | 'classic' | 'gateway';

export interface LoadBalancer extends Base {
  readonly kind: 'load-balancer';
  readonly layer: LoadBalancerLayer;
  readonly internetFacing: Value<boolean>;
  readonly placement: Placement;
  readonly replicas: Replicas;
}

/** A pool of backends a load balancer forwards to (target group, backend service, backend pool). */
export interface TargetPool extends Base {
  readonly kind: 'target-pool';
  readonly port: number | undefined;
  /**
   * The backends see the clients' own addresses (a passthrough network load balancer): their firewall must admit
   * the clients, not the load balancer. Absent when not known.
   */
  readonly clientAddressesPreserved?: boolean;
  /**
   * The backends receive the port the client connected to, not a port of the pool's own: a passthrough load
   * balancer that translates no ports (Google's passthrough network load balancers). Their ports are those of the
   * listeners that forward to the pool; `port` is then undefined.
   */
  readonly listenerPorts?: boolean;
}

/** The way a load balancer accepts traffic: port and protocol. */
export interface Listener extends Base {
  readonly kind: 'listener';
  readonly port: Value<number>;
  readonly protocol: string | undefined;
}

/**
 * `nat`: outbound address translation for private subnets. `firewall`: a managed firewall that subnets route their
 * internet-bound traffic through (Azure Firewall); for the way out it counts as a NAT gateway does.
 * `vpn`: a site-to-site VPN over the internet. `interconnect`: a dedicated private connection to another site (AWS
 * Direct Connect, Google Cloud Interconnect, Azure ExpressRoute), whose far end is a location, not a device.
 * `endpoint`: private access to a cloud service from inside a network, through interfaces in some of its subnets
 * (an AWS interface VPC endpoint), whose far end is the service.
 */
export const GATEWAY_KINDS = ['internet', 'nat', 'firewall', 'vpn', 'interconnect', 'transit', 'egress-only', 'endpoint'] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

export interface Gateway extends Base {
  readonly kind: 'gateway';
  readonly gatewayKind: GatewayKind;
  readonly placement: Placement;
  /** Independent paths this gateway gives (VPN tunnels to distinct peers, active-active instances, sites). */
  readonly paths: Value<number>;
  /**
   * A VPN's far ends, where the plan names them (an on-premises device, a peer gateway), or an interconnect's
   * site (a Direct Connect location, an Interconnect, an ExpressRoute peering location): two connections to the
   * same device, or landing at the same site, are one path, however many there are.
   */
  readonly peers?: readonly string[];
  /**
   * What gives a link of one path a second, independent one, in the cloud's words (a second customer gateway and
   * connection, `active_active`, a second HA VPN tunnel), where the adapter knows. Absent otherwise.
   */
  readonly redundancyKnob?: Knob;
}

export interface RouteTable extends Base {
  readonly kind: 'route-table';
  /** The table subnets of its network use when they have no table of their own. */
  readonly isDefault: boolean;
}

export interface PublicAddress extends Base {
  readonly kind: 'public-address';
  readonly placement: Placement;
}

/**
 * A set of firewall rules that applies to its members: an AWS security group or network ACL, an Azure NSG,
 * the firewall of a Google VPC network.
 */
export interface FirewallPolicy extends Base {
  readonly kind: 'firewall-policy';
  readonly evaluation: Evaluation;
  /** True for AWS `default` security groups and the like, which everything lands in when nothing else is said. */
  readonly isDefault: boolean;
  /**
   * Resources of the plan that use the policy but that the model does not represent, none of which can have an
   * address the internet reaches (a Lambda function's interfaces in a VPC, an interface endpoint, a database proxy).
   * Absent when there are none.
   */
  readonly usedPrivately?: readonly string[];
  /**
   * The policy is the access list of an endpoint the cloud runs on the internet for its members, outside their
   * network (a managed Kubernetes API server's public endpoint): the internet reaches them there past this policy
   * alone, not past their own interfaces' policies or their subnets'; traffic from inside the network does not take
   * it. Absent for policies on the members' own interfaces.
   */
  readonly publicEndpoint?: PublicEndpoint;
}

/**
 * What an adapter knows of a public endpoint's access list (`FirewallPolicy.publicEndpoint`), so that a
 * cloud-neutral rule can say what it rests on and what to change, in the cloud's words.
 */
export interface PublicEndpoint {
  /**
   * What the admitted sources rest on: a list the configuration writes (`set`), or none, so the provider's default
   * (`default`: on every cloud, any address) decides.
   */
  readonly basis: 'set' | 'default';
  /** Settings that take the endpoint off the internet, to be set together (`endpoint_public_access = false`). */
  readonly close: readonly Knob[];
  /** The setting that lists who may connect; its `value` says what to list there. */
  readonly narrow: Knob;
}

export interface FirewallRule extends Base {
  readonly kind: 'firewall-rule';
  /** The id of the FirewallPolicy this rule belongs to. */
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly action: 'allow' | 'deny';
  /** Lower first; undefined for allow-union policies. */
  readonly priority: number | undefined;
  readonly protocol: Protocol;
  readonly ports: readonly PortRange[];
  readonly peers: readonly Peer[];
  readonly targets: TargetSelector;
  readonly enabled: Value<boolean>;
  /**
   * The peers that are groups come from one reference list the plan keeps for several rules at once (a new AWS
   * security group's inline `ingress` blocks naming different groups): this rule names one or more of them, which
   * ones is known only after apply. Absent when the peers are the rule's own.
   */
  readonly peersGuessed?: boolean;
  /**
   * The plan marks the rule's whole definition sensitive (an AWS group's inline `ingress`, an NSG's inline
   * `security_rule`: a sensitive value anywhere in them marks them all), so its protocol, ports and sources are
   * unread: it stands for them as every port from one sensitive unknown peer, which no evaluation reads as the world
   * or as a known range. Absent when the rule was read.
   */
  readonly hidden?: true;
  /**
   * The plan does not hold the rule: the cloud creates it with a network the plan uses but does not manage (Google's
   * pre-populated rules of a project's `default` network), so it exists unless someone deleted it outside the plan.
   * Rules may count what it admits, but say what it rests on and rank it below a rule the plan writes. Absent for
   * rules the plan holds.
   */
  readonly presumed?: PresumedRule;
}

/** What an adapter knows of a rule it presumes (`FirewallRule.presumed`), in the cloud's words. */
export interface PresumedRule {
  /** The rule's name in the cloud (`default-allow-ssh`). */
  readonly name: string;
  /** Where the rule comes from, as a noun phrase (`Google's pre-populated firewall rules of the default network`). */
  readonly origin: string;
  /** How to be rid of it or of what it admits, as whole sentences. */
  readonly fix: string;
}

/**
 * The hidden rule (`FirewallRule.hidden`) that stands for a policy's inline ingress the plan marks sensitive whole:
 * every port, from one sensitive unknown peer, to every member. The same for every cloud's adapter.
 */
export function hiddenIngressRule(owner: Pick<Base, 'cloud' | 'declaredBy' | 'tags'>, policy: string, id: string): FirewallRule {
  return {
    id,
    cloud: owner.cloud,
    source: [policy],
    declaredBy: owner.declaredBy,
    tags: owner.tags,
    kind: 'firewall-rule',
    policy,
    direction: 'ingress',
    action: 'allow',
    priority: undefined,
    protocol: 'all',
    ports: [{ from: 0, to: 65535 }],
    peers: [SENSITIVE_PEER],
    targets: { kind: 'all' },
    enabled: known(true),
    hidden: true,
  };
}

export const DATA_CATEGORIES = ['relational', 'document', 'graph', 'warehouse', 'cache', 'search', 'broker', 'stream', 'file', 'object', 'key-value'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export interface DataStore extends Base {
  readonly kind: 'datastore';
  readonly category: DataCategory;
  readonly engine: string | undefined;
  /** The ports clients connect on. */
  readonly ports: readonly number[];
  /**
   * The store answers on `ports` and nothing else (a managed engine whose port the plan knows, or whose default
   * applies): traffic to any other port reaches nothing of it. Unset where the list may be partial (a management
   * endpoint, a port known only after apply): then every port counts.
   */
  readonly onlyPorts?: boolean;
  /** Nodes that can serve if one fails (a Multi-AZ standby counts; a read replica in another resource does not). */
  readonly replicas: Value<number>;
  readonly placement: Placement;
  readonly publiclyAccessible: Value<boolean>;
  readonly redundancyKnob: Knob | undefined;
  /**
   * The service keeps the data's storage in several zones by itself, apart from the nodes that serve it (an Aurora,
   * Neptune or DocumentDB cluster volume): what one zone holds is the serving nodes, not the only copy. Absent when
   * not so.
   */
  readonly storageSpansZones?: true;
}

export type Entity =
  | Network
  | Subnet
  | Host
  | LoadBalancer
  | TargetPool
  | Listener
  | Gateway
  | RouteTable
  | PublicAddress
  | FirewallPolicy
  | FirewallRule
  | DataStore;

export type EntityKind = Entity['kind'];
export type EntityOf<K extends EntityKind> = Extract<Entity, { kind: K }>;
