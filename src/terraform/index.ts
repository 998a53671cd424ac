export { InputError } from './errors.js';
export { decodeJson, MAX_TEXT_LENGTH, textOf } from './decode.js';
export { loadDocument } from './load.js';
export { EACH_KEY, MODULE_EACH_OPEN, MODULE_KEY_OPEN, NTH_OPEN, SAME_KEY } from './references.js';
export { configAddress, parseAddress, splitSteps, stripKey, joinAddress, type AddressParts } from './address.js';
export { REDACTED, TOO_DEEP, type ResourceInstance, type TerraformDocument, type DocumentKind, type ChangeAction } from './instance.js';

import { parseJson, textOf } from './decode.js';
import { readJsonPieces } from './pieces.js';
import { loadDocument } from './load.js';
import type { TerraformDocument } from './instance.js';

/**
 * Files from this size on are read in pieces (pieces.ts: never one big string, each unchanged resource parsed once).
 * Smaller ones are parsed whole: the piece reader's byte loops start cold (interpreted until V8 optimises them), so
 * on smaller files it costs time (whole runs, bench plans: 23 MB 2.76 s in pieces vs 2.38 s whole, for a peak of
 * 169 vs 193 MB), and memory is no concern at that size. At 70 MB the two take the same time and pieces peak 20%
 * lower (314 vs 391 MB); at 235 MB pieces are faster and peak 35% lower.
 */
export const PIECES_FROM_BYTES = 64 * 2 ** 20;

/**
 * Bytes of a file -> a Terraform document, or an InputError saying what is wrong with the file. A big plan or state
 * in UTF-8 is read in pieces; anything else, including every broken file, is decoded and parsed whole, which is what
 * words the error.
 */
export function readDocument(file: string, bytes: Uint8Array): TerraformDocument {
  return readDocumentFrom(file, () => bytes);
}

/**
 * The same, for a caller that reads the file: `read` is called once, and the bytes it returns are unreachable
 * before the loader starts (a frame that still held them would keep the file's size in memory for the whole load).
 */
export function readDocumentFrom(file: string, read: () => Uint8Array): TerraformDocument {
  return loadDocument(file, readJson(file, read));
}

function readJson(file: string, read: () => Uint8Array): unknown {
  let bytes: Uint8Array | undefined = read();
  const pieces = bytes.length >= PIECES_FROM_BYTES ? readJsonPieces(bytes) : undefined;
  if (pieces !== undefined) return pieces;
  const text = textOf(file, bytes);
  bytes = undefined; // the whole-text parse needs the room on a big file
  return parseJson(file, text);
}
