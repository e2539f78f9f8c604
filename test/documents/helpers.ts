import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs, resolveInputs, type ReadItem, type ReaderOptions } from '../../src/documents/index.js';

export const FIXTURES = 'fixtures/readers';
export const fixture = (name: string): string => join(FIXTURES, name);

/** Resolves and reads inputs completely, with the bytes reported through onBytes. */
export async function readAll(
  inputs: string[],
  options: Partial<ReaderOptions> = {},
): Promise<{ items: ReadItem[]; bytes: number; sizes: number }> {
  const files = await resolveInputs(inputs);
  let bytes = 0;
  const items: ReadItem[] = [];
  for await (const item of readInputs(files, { ...options, onBytes: (n) => (bytes += n) })) items.push(item);
  return { items, bytes, sizes: files.reduce((sum, f) => sum + (f.size ?? 0), 0) };
}

export const documents = (items: ReadItem[]) =>
  items.flatMap((item) => (item.kind === 'document' ? [item.document] : []));
export const rejections = (items: ReadItem[]) =>
  items.flatMap((item) => (item.kind === 'rejected' ? [item.rejected] : []));

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'crawlsift-readers-'));
}
