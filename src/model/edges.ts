/**
 * A relation between two entities, with the attribute that made it (`via`), so a finding can say why two things
 * are connected. Edges point the way the relation reads: `host -in-subnet-> subnet`, `lb -forwards-to-> pool`.
 */
export const EDGE_KINDS = [
  /** subnet, policy or host -> network */
  'in-network',
  /** host, load balancer, datastore, gateway -> subnet */
  'in-subnet',
  /** host, load balancer, datastore, subnet (NACL, subnet NSG) -> firewall policy */
  'protected-by',
  /** subnet -> route table */
  'uses-route-table',
  /**
   * route table -> gateway (or other target), with the destination CIDR in `detail`; also subnet -> gateway where
   * the cloud attaches the gateway to the subnet itself, with no route table (Azure NAT gateway association)
   */
  'routes-to',
  /** load balancer or listener -> target pool */
  'forwards-to',
  /** target pool -> host or datastore */
  'targets',
  /**
   * target pool of an inbound NAT rule or pool -> the host one of its frontend ports reaches (Azure): a port
   * forwarded to that host, not traffic balanced over a tier, so it is not a `targets` edge
   */
  'port-forwards',
  /** public address -> host, load balancer or gateway it is attached to */
  'attached-to',
  /** member instance -> the cluster or group it belongs to (Aurora instance -> cluster) */
  'member-of',
  /** gateway -> network it serves (internet gateway, VPN gateway) */
  'serves',
  /** any -> any: an explicit `depends_on` */
  'depends-on',
  /** any -> any: a configuration reference not otherwise modelled */
  'references',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** The attribute or resource that made the edge: `vpc_security_group_ids`, `aws_route_table_association.a`. */
  readonly via: string;
  /** A destination CIDR for routes. */
  readonly detail?: string;
}
