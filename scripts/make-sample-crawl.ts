// Builds fixtures/sample-crawl.jsonl.gz: a small crawl-like dump (no labels) from texts that no
// model is trained on: detect-corpus/test and the held-out part of modern/, plus a few bad lines.
// Run: npx tsx scripts/make-sample-crawl.ts
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dataDir } from '../src/data-dir.js';
import { packageRoot } from '../src/paths.js';

interface Labeled {
  id: string;
  text: string;
  source: string;
}

const read = (file: string): Labeled[] =>
  readFileSync(join(dataDir(), file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Labeled);
const heldOutModern = (doc: Labeled) => createHash('sha256').update(doc.id).digest()[0]! >= 205;

const test = read('detect-corpus/test.jsonl').filter((_, i) => i % 3 === 0).slice(0, 160);
const modern = read('modern/corpus.jsonl').filter(heldOutModern).filter((_, i) => i % 5 === 0).slice(0, 80);
const docs = [...test, ...modern].map((d, i) => ({ id: `sample-${String(i).padStart(4, '0')}`, url: `https://example.org/${d.source}/${d.id}`, text: d.text }));

const lines = docs.map((d) => JSON.stringify(d));
// Bad records a real crawl has: each must end in rejected/ with its reason.
lines.splice(17, 0, '{"id": "broken", "text": "unterminated');
lines.splice(58, 0, JSON.stringify({ id: 'no-text', url: 'https://example.org/empty' }));
lines.splice(101, 0, JSON.stringify({ id: 'blank', text: '   ' }));
const out = join(packageRoot(), 'fixtures', 'sample-crawl.jsonl.gz');
writeFileSync(out, gzipSync(lines.join('\n') + '\n'));
console.log(`wrote ${lines.length} records to ${out}`);
