export { InputError } from './errors.js';
export { decodeJson, MAX_TEXT_LENGTH, textOf } from './decode.js';
export { loadDocument } from './load.js';
export { configAddress, parseAddress, splitSteps, stripKey, joinAddress, type AddressParts } from './address.js';
export { REDACTED, TOO_DEEP, type ResourceInstance, type TerraformDocument, type DocumentKind, type ChangeAction } from './instance.js';

import { decodeJson, parseJson } from './decode.js';
import { loadDocument } from './load.js';
import type { TerraformDocument } from './instance.js';

/** Bytes of a file -> a Terraform document, or an InputError saying what is wrong with the file. */
export function readDocument(file: string, bytes: Uint8Array): TerraformDocument {
  return loadDocument(file, decodeJson(file, bytes));
}

/** The same from the file's text (`textOf` its bytes), so that a caller reading a big file can drop the bytes first. */
export function readDocumentText(file: string, text: string): TerraformDocument {
  return loadDocument(file, parseJson(file, text));
}
