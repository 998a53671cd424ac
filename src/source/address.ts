import { configAddress } from '../terraform/index.js';

/** Entity ids name parts of a resource after `#` (`aws_security_group.web#ingress[0]`); quoted keys may hold `#`. */
export function declaringAddress(id: string): string {
  let quoted = false;
  for (let i = 0; i < id.length; i++) {
    const c = id[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '#' && !quoted) return id.slice(0, i);
  }
  return id;
}

/** The forms a user may name an entity by: its id, its resource instance address, and its block's address. */
export function addressForms(id: string): string[] {
  const instance = declaringAddress(id);
  return [...new Set([id, instance, configAddress(instance)])];
}
