// Builds fixtures/dedup/signatures.json: the dedup keys (exact key, MinHash signature, bottom-k sample)
// of the texts of fixtures/dedup/planted.jsonl, fixtures/multilingual/udhr-paragraphs.jsonl and a few
// edge cases written here, with the default settings (`near`), as a given DocumentSigner computes
// them. test/dedup/signing-fixture.test.ts checks the current code gives the same: signing may get
// faster, never different (recall and precision were measured with these values).
// Run: npx tsx scripts/make-dedup-signature-fixture.ts [document-signer module] [what made it]
// The committed file was first made by main's build before the faster signing (commit 1bba7fd), then
// again after feature spec sig-4's normalisation began removing pictographs, which changed the exact
// key of EDGE_TEXTS #7 (its emoji) and nothing else:
//   npx tsx scripts/make-dedup-signature-fixture.ts dist/src/dedup/document-signer.js 'main 0bacdeb (...)'
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DEDUP, type DedupSettings } from '../src/dedup/dedup-settings.js';
import type { DocumentKeys } from '../src/dedup/document-signer.js';
import { packageRoot } from '../src/paths.js';

/** Edge cases of the word splitter and the scratch arrays, written for this fixture. */
export const EDGE_TEXTS: readonly string[] = [
  '',
  '...!? --- ***',
  'word',
  'one two three four',
  'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(120),
  'ΣΟΦΟΣ ΛΟΓΟΣ σοφός λόγος ΟΔΥΣΣΕΥΣ',
  'İSTANBUL ıstanbul DİYARBAKIR straße STRASSE ǅemal',
  'emoji 😀 between 🎉words🎉 and 𝐛𝐨𝐥𝐝 math letters 𝔉𝔯𝔞𝔨𝔱𝔲𝔯',
  'café cafe\u0301 naïve nai\u0308ve ﬁne ﬀ ½ ² Ⅻ ①',
  '中文没有空格的句子很长很长。日本語のテキストも、句読点で区切られる。한국어 문장도 있습니다.',
  'عربي مع أرقام ١٢٣ و ٤٥٦ ثم كلمات أخرى هنا',
  'long'.repeat(3000) + ' tail words after one very long word to end it',
];

const SETTINGS: DedupSettings = { ...DEFAULT_DEDUP, mode: 'near' };

interface Source {
  file: string;
  texts: string[];
}

export function fixtureSources(root: string): Source[] {
  const lines = (file: string) => readFileSync(join(root, file), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
  return [
    { file: 'fixtures/dedup/planted.jsonl', texts: lines('fixtures/dedup/planted.jsonl') },
    { file: 'fixtures/multilingual/udhr-paragraphs.jsonl', texts: lines('fixtures/multilingual/udhr-paragraphs.jsonl') },
    { file: 'scripts/make-dedup-signature-fixture.ts EDGE_TEXTS', texts: [...EDGE_TEXTS] },
    // One long document (more shingles than a sample keeps): the planted texts joined.
    { file: 'fixtures/dedup/planted.jsonl, all joined', texts: [lines('fixtures/dedup/planted.jsonl').join('\n\n')] },
  ];
}

/** What the fixture holds of a document's keys: the signature in full, the sample's length and SHA-256 (of its u32 values, little-endian). */
export function keysRecord(keys: DocumentKeys): { exact: [number, number]; signature: number[] | null; sample: { length: number; sha256: string } | null } {
  const sample = keys.sample ? Buffer.alloc(4 * keys.sample.length) : undefined;
  keys.sample?.forEach((v, i) => sample!.writeUInt32LE(v, 4 * i));
  return {
    exact: [keys.exact[0], keys.exact[1]],
    signature: keys.signature ? [...keys.signature] : null,
    sample: sample ? { length: keys.sample!.length, sha256: createHash('sha256').update(sample).digest('hex') } : null,
  };
}

if (process.argv[1] && resolve(process.argv[1]).endsWith('make-dedup-signature-fixture.ts')) {
  const module = process.argv[2] ? pathToFileURL(resolve(process.argv[2])).href : '../src/dedup/document-signer.js';
  const { DocumentSigner } = (await import(module)) as typeof import('../src/dedup/document-signer.js');
  const signer = await DocumentSigner.create(SETTINGS);
  const root = packageRoot();
  const fixture = {
    madeWith: process.argv[3] ?? 'this checkout',
    settings: SETTINGS,
    sources: fixtureSources(root).map(({ file, texts }) => ({ file, docs: texts.map((text) => keysRecord(signer.keys(text))) })),
  };
  writeFileSync(join(root, 'fixtures', 'dedup', 'signatures.json'), JSON.stringify(fixture) + '\n');
  console.log(`wrote fixtures/dedup/signatures.json: ${fixture.sources.map((s) => `${s.docs.length} of ${s.file}`).join(', ')}`);
}
