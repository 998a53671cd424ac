import { InputError } from './errors.js';
import { firstSyntaxError } from './syntax.js';

/** V8 cannot hold a string longer than this many UTF-16 code units (~512 MiB on 64-bit Node 20+). */
export const MAX_TEXT_LENGTH = 0x1fffffe8;

const SHOW_HINT = 'run `terraform show -json plan.tfplan > plan.json` and pass plan.json';

/**
 * Turns the bytes of a file into parsed JSON, with one clear error for each way a user can hand us the wrong thing:
 * a binary plan, `terraform plan` text, an empty or truncated file, a file too big for one string.
 * Accepts UTF-8 with or without BOM and UTF-16 (LE or BE) with BOM, as PowerShell writes.
 */
export function decodeJson(file: string, bytes: Uint8Array): unknown {
  return parseJson(file, textOf(file, bytes));
}

/**
 * The text of a file's bytes, or an InputError for bytes that cannot be a JSON document (empty, a zip archive, not
 * valid text, too long for one string). The whole-text path: `readDocument` reads big UTF-8 plans in pieces instead
 * and comes here for everything else, which includes every file it will reject.
 */
export function textOf(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputError(file, 'the file is empty', SHOW_HINT);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new InputError(file, 'this is a binary plan file (a zip archive), not JSON', SHOW_HINT);
  }
  return decodeText(file, bytes);
}

/** Parsed JSON of a file's text, or an InputError saying what the text is instead (plan text, binary, broken). */
export function parseJson(file: string, text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.length === 0) throw new InputError(file, 'the file holds only white space', SHOW_HINT);
  if (trimmed[0] !== '{' && trimmed[0] !== '[') {
    if (looksLikePlanText(trimmed)) {
      throw new InputError(file, 'this is `terraform plan` text output, not JSON', SHOW_HINT);
    }
    if (text.includes('\u0000')) throw new InputError(file, 'this is a binary file, not JSON', SHOW_HINT);
    // Valid JSON all the same (`null`, `42`, `"x"`, `true`): the loader says what it is instead of a plan.
    const scalar = parseScalar(text);
    if (scalar.ok) return scalar.value;
    throw new InputError(file, 'this is not JSON (it does not start with "{")', SHOW_HINT);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(file, describeSyntaxError(text), 'the file may be truncated or hand-edited; write it again with `terraform show -json`');
  }
}

/** A whole text that is one JSON scalar, parsed; texts that do not start with `{` or `[` are short or not JSON. */
function parseScalar(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function decodeText(file: string, bytes: Uint8Array): string {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  else if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) encoding = 'utf-16le';
  else if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) encoding = 'utf-16be';
  const units = encoding === 'utf-8' ? bytes.length - start : (bytes.length - start) / 2;
  if (units > MAX_TEXT_LENGTH) {
    const mib = Math.round(bytes.length / 2 ** 20);
    throw new InputError(
      file,
      `the file is ${mib} MiB, more than Node can hold as one string (${Math.floor(MAX_TEXT_LENGTH / 2 ** 20)} MiB of text)`,
      'split the plan by workspace, or pass the state of each module separately',
    );
  }
  const view = bytes.subarray(start);
  try {
    return new TextDecoder(encoding, { fatal: encoding !== 'utf-8' }).decode(view);
  } catch {
    throw new InputError(file, `the file is not valid ${encoding.toUpperCase()} text`, SHOW_HINT);
  }
}

function looksLikePlanText(text: string): boolean {
  const head = text.slice(0, 4096);
  return /Terraform (will perform|used the selected providers)|Plan: \d+ to add|No changes\.|Refreshing state|^\s*[#~+-] (resource|data) "/m.test(
    head,
  ) || /\x1b\[[0-9;]*m/.test(head);
}

function describeSyntaxError(text: string): string {
  const { offset, endsEarly } = firstSyntaxError(text);
  if (endsEarly) return `the JSON ends early at byte ${offset} (truncated file?)`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}`;
}
