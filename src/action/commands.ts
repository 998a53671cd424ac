import { randomUUID } from 'node:crypto';

/**
 * The runner's workflow-command protocol, as @actions/core writes it (`::name key=value,...::message`, the output
 * and summary files), in the few lines weaklink needs. Written here rather than imported: @actions/core brings an
 * HTTP client (for OIDC tokens, which weaklink never asks for) that doubled the action's bundle and its load time.
 */

/** A message: `%`, CR and LF escaped so one command stays one line. */
export function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value: the message escapes, and `:` and `,`, which end a property. */
export function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** `::name key=value,...::message`; properties without a value are left out, as the toolkit does. */
export function command(name: string, properties: Readonly<Record<string, string | number | undefined>>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${name}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}

/**
 * One entry of the `GITHUB_OUTPUT` file: `name<<delimiter`, the value, the delimiter. The delimiter is random, so
 * a value from a plan cannot end the entry early and write another output.
 */
export function outputEntry(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`output ${name}: the value holds the delimiter`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
