import { known } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { str } from '../read.js';
import { base, lastSegment, regionalPlacement } from './common.js';
import { ADDRESS, networkPolicies } from './links.js';

const ROUTER = ['google_compute_router'];

/**
 * `google_compute_router_nat`: Cloud NAT. It is no box in one zone but a regional, software-defined service that
 * keeps working when a zone fails, so one NAT per region is no single point of failure. It serves the network of
 * its Cloud Router.
 */
export const routerNat: Mapper = {
  types: ['google_compute_router_nat'],
  map(instance, ctx) {
    const routers = ctx.refs(instance, 'router', { types: ROUTER }).flatMap((a) => ctx.instance(a) ?? []);
    const region = str(instance.values, 'region') ?? routers.map((r) => str(r.values, 'region')).find(Boolean);
    ctx.add({
      ...base(instance),
      kind: 'gateway',
      gatewayKind: 'nat',
      placement: regionalPlacement(region ? lastSegment(region) : undefined),
      paths: known(1),
    });
    for (const router of routers) {
      for (const network of networkPolicies(ctx, router, 'network').networks) ctx.link(instance.address, network, 'serves', router.address);
    }
    for (const address of ctx.refs(instance, 'nat_ips', { types: ADDRESS })) ctx.link(address, instance.address, 'attached-to', 'nat_ips');
  },
};

/** `google_compute_router`: read by the Cloud NAT that names it (for its network and region). */
export const computeRouter: Mapper = { types: ROUTER, map() {} };
