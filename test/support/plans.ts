/**
 * Helpers for adapter tests: real plan snippets in, model out. A snippet is a `terraform show -json` document in
 * the real format (format_version, planned_values, resource_changes with after_unknown/after_sensitive,
 * configuration with references), usually trimmed from a corpus file or a fixture.
 */
import { readFileSync } from 'node:fs';
import { adapt } from '../../src/adapters/index.js';
import type { Model } from '../../src/model/index.js';
import { loadDocument, readDocument, type TerraformDocument } from '../../src/terraform/index.js';

export const CORPUS = new URL('../../../shared/corpus/', import.meta.url);

export function corpusFile(relative: string): string {
  return new URL(`plans/${relative}`, CORPUS).pathname;
}

export function readPlan(path: string): TerraformDocument {
  return readDocument(path, readFileSync(path));
}

export function modelOfPlan(json: unknown, side: 'after' | 'before' = 'after'): Model {
  return adapt(loadDocument('test.json', json)[side]);
}

export function modelOfFile(path: string, side: 'after' | 'before' = 'after'): Model {
  return adapt(readPlan(path)[side]);
}
