import { known } from '../../model/index.js';
import type { ResourceInstance } from '../../terraform/index.js';
import type { Mapper, MapperContext } from '../mapper.js';
import { str } from '../read.js';
import { base, lastSegment, regionalPlacement } from './common.js';
import { networkPolicies } from './links.js';

const ATTACHMENT = ['google_compute_interconnect_attachment'];
const INTERCONNECT = ['google_compute_interconnect'];
const ROUTER = ['google_compute_router'];
const ANY_DOMAIN = 'AVAILABILITY_DOMAIN_ANY';

/**
 * `google_compute_interconnect_attachment`: a VLAN attachment, the path from a Cloud Router's network to another
 * site over Dedicated or Partner Interconnect. Each is one path. Google's availability topologies ask for
 * attachments in both edge availability domains of a metro, so the domain is the far end that counts (`peers`):
 * two attachments in one domain, or on one Interconnect, are one path. A Partner attachment left at
 * `AVAILABILITY_DOMAIN_ANY` (the default) may land in either domain, so its far end is not known; a Dedicated one
 * plans its domain only after apply, and falls back to its Interconnect. It serves the network of its router.
 */
export const interconnectAttachment: Mapper = {
  types: ATTACHMENT,
  map(instance, ctx) {
    const routers = ctx.refs(instance, 'router', { types: ROUTER }).flatMap((a) => ctx.instance(a) ?? []);
    const regionText = str(instance.values, 'region') ?? routers.map((r) => str(r.values, 'region')).find(Boolean);
    const region = regionText ? lastSegment(regionText) : undefined;
    const site = siteOf(ctx, instance, region);
    ctx.add({
      ...base(instance),
      kind: 'gateway',
      gatewayKind: 'interconnect',
      placement: regionalPlacement(region),
      paths: known(1),
      ...(site ? { peers: [site] } : {}),
    });
    for (const router of routers) {
      for (const network of networkPolicies(ctx, router, 'network').networks) ctx.link(instance.address, network, 'serves', router.address);
    }
  },
};

/** `google_compute_interconnect`: read by the attachments that use it. */
export const interconnectParts: Mapper = { types: INTERCONNECT, map() {} };

/** Where an attachment lands, as a readable key: its edge availability domain, else its Interconnect. */
function siteOf(ctx: MapperContext, attachment: ResourceInstance, region: string | undefined): string | undefined {
  const domain = str(attachment.values, 'edge_availability_domain');
  if (domain && domain !== ANY_DOMAIN) {
    const number = /^AVAILABILITY_DOMAIN_(\d+)$/.exec(domain)?.[1];
    return `${number ? `edge availability domain ${number}` : domain}${region ? ` of ${region}` : ''}`;
  }
  const type = str(attachment.values, 'type') ?? 'DEDICATED';
  if (type !== 'DEDICATED') return undefined;
  const declared = ctx.refs(attachment, 'interconnect', { types: INTERCONNECT })[0];
  if (declared) return `Interconnect ${declared}`;
  const url = str(attachment.values, 'interconnect');
  return url ? `Interconnect ${lastSegment(url)}` : undefined;
}
