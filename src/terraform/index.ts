export { InputError } from './errors.js';
export { decodeJson, MAX_TEXT_LENGTH, textOf } from './decode.js';
export { loadDocument } from './load.js';
export { configAddress, parseAddress, splitSteps, stripKey, joinAddress, type AddressParts } from './address.js';
export { REDACTED, TOO_DEEP, type ResourceInstance, type TerraformDocument, type DocumentKind, type ChangeAction } from './instance.js';

import { parseJson, textOf } from './decode.js';
import { readJsonPieces } from './pieces.js';
import { loadDocument } from './load.js';
import type { TerraformDocument } from './instance.js';

/**
 * Bytes of a file -> a Terraform document, or an InputError saying what is wrong with the file. A plan or state in
 * UTF-8 is read in pieces (pieces.ts: never one big string, each unchanged resource parsed once); anything else,
 * including every broken file, is decoded and parsed whole, which is what words the error.
 */
export function readDocument(file: string, bytes: Uint8Array): TerraformDocument {
  const json = readJsonPieces(bytes);
  return loadDocument(file, json === undefined ? parseJson(file, textOf(file, bytes)) : json);
}
