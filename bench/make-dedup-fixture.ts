// Builds fixtures/dedup/planted.jsonl: documents of detect-corpus/test.jsonl with planted exact and
// near-duplicates, far variants and boilerplate-only pairs, each record saying what the dedup tests
// expect of it (`expect`: kept | duplicate | distinct, `of`: the id it duplicates, `jaccard`: its exact
// Jaccard similarity to that document over 5-word shingles). Run: npx tsx bench/make-dedup-fixture.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOILERPLATE, describeEdits, plantVariant, vocabularyOf, type PlantedEdit } from './lib/plant-duplicates.js';
import { dataDir } from '../src/data-dir.js';
import { jaccard, shingleStrings } from '../src/dedup/shingles.js';
import { packageRoot } from '../src/paths.js';
import { mulberry32 } from '../src/random.js';

interface Labeled {
  id: string;
  text: string;
  label: string;
  source: string;
}

interface FixtureRecord {
  id: string;
  text: string;
  expect: 'kept' | 'duplicate' | 'distinct';
  of?: string;
  jaccard?: number;
  edits?: string;
}

const random = mulberry32(17);
const all = readFileSync(join(dataDir(), 'detect-corpus', 'test.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Labeled);
const long = all.filter((d) => d.label === 'human' && d.text.split(' ').length >= 140);
// One of every few, so no two are a human text and its own synthetic continuation.
const bases = long.filter((_, i) => i % 7 === 0).slice(0, 12);
if (bases.length < 12) throw new Error(`only ${bases.length} long human documents`);
const vocabulary = vocabularyOf(all.map((d) => d.text));
const similarity = (a: string, b: string) => Math.round(jaccard(shingleStrings(a, 5), shingleStrings(b, 5)) * 1e4) / 1e4;

/** A variant of `base` whose exact Jaccard similarity to it lies in [low, high]: edits drawn until one does. */
function variantIn(base: string, edits: (attempt: number) => PlantedEdit[], low: number, high: number): { text: string; jaccard: number; edits: string } {
  for (let attempt = 0; attempt < 200; attempt++) {
    const chosen = edits(attempt);
    const text = plantVariant(base, chosen, vocabulary, random);
    const j = similarity(base, text);
    if (j >= low && j <= high) return { text, jaccard: j, edits: describeEdits(chosen) };
  }
  throw new Error(`no variant within [${low}, ${high}]`);
}

const [a, b, c, d, e, ...rest] = bases.map((doc, i) => ({ id: `dd-${String.fromCharCode(97 + i)}`, text: doc.text }));
const records: FixtureRecord[] = [];
const add = (r: FixtureRecord) => records.push(r);

// A, then an exact copy that differs only in whitespace (exact after normalisation), then a near copy.
add({ id: a!.id, text: a!.text, expect: 'kept' });
add({ id: `${a!.id}-exact`, text: `  ${a!.text.replace(/ /g, '  ').replace('. ', '.\n')}\n`, expect: 'duplicate', of: a!.id, jaccard: 1, edits: 'whitespace' });
const nearA = variantIn(a!.text, () => [{ kind: 'delete', rate: 0.01 }, { kind: 'footer', text: BOILERPLATE.footer }], 0.8, 0.88);
add({ id: `${a!.id}-near`, text: nearA.text, expect: 'duplicate', of: a!.id, jaccard: nearA.jaccard, edits: nearA.edits });
// B's near copy comes first in the input: it is the one kept, B the duplicate.
const nearB = variantIn(b!.text, () => [{ kind: 'substitute', rate: 0.01 }], 0.88, 0.95);
add({ id: `${b!.id}-near`, text: nearB.text, expect: 'kept', edits: nearB.edits });
add({ id: b!.id, text: b!.text, expect: 'duplicate', of: `${b!.id}-near`, jaccard: nearB.jaccard });
// C and a far variant of it (heavy edits): not duplicates.
const farC = variantIn(c!.text, () => [{ kind: 'substitute', rate: 0.12 }], 0.3, 0.5);
add({ id: c!.id, text: c!.text, expect: 'distinct' });
add({ id: `${c!.id}-far`, text: farC.text, expect: 'distinct', of: c!.id, jaccard: farC.jaccard, edits: farC.edits });
// D and E share a cookie banner and a footer, nothing else: not duplicates.
const boiler = (text: string) => `${BOILERPLATE.header} ${text} ${BOILERPLATE.footer}`;
add({ id: `${d!.id}-boilerplate`, text: boiler(d!.text), expect: 'distinct', edits: 'header + footer' });
add({ id: `${e!.id}-boilerplate`, text: boiler(e!.text), expect: 'distinct', of: `${d!.id}-boilerplate`, jaccard: similarity(boiler(d!.text), boiler(e!.text)), edits: 'header + footer' });
for (const doc of rest) add({ id: doc.id, text: doc.text, expect: 'distinct' });

const dir = join(packageRoot(), 'fixtures', 'dedup');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'planted.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`wrote ${records.length} records to ${join(dir, 'planted.jsonl')}`);
for (const r of records) console.log(r.id.padEnd(20), r.expect.padEnd(10), r.of ?? '', r.jaccard ?? '', r.edits ?? '');
