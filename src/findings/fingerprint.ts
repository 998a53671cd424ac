import { createHash } from 'node:crypto';

/** A fingerprint from rule id and primary address only: never from line numbers, run order or values. */
export function fingerprintOf(rule: string, address: string): string {
  return createHash('sha256').update(`${rule}\u0000${address}`).digest('hex').slice(0, 16);
}
