/**
 * Golden digest of the feature vectors (and, with --scores, the model's scores), so a
 * performance change can prove it changed no output: run it before and after, compare.
 * Run: npx tsx bench/features-golden.ts [--scores] [--model dir] [files.jsonl...]
 *
 * Hashes, per document in file order, the bytes of the dense Float32Array and the sparse
 * Int32Array from `extractFeatures` (bit-identical or not, no tolerance) and, with --scores,
 * the Float32Array of `loadDetector(model).scoreTexts(texts)` (cpu backend by default).
 * Default files: every detect-corpus/*.jsonl and modern/corpus.jsonl under ../shared/data.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractFeatures } from '../src/features/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.CRAWLSIFT_DATA ?? join(repoRoot, '..', 'shared', 'data'));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scores: { type: 'boolean', default: false },
    model: { type: 'string', default: join(repoRoot, 'classifiers', 'default') },
    backend: { type: 'string', default: 'cpu' },
  },
});
const detectDir = join(dataDir, 'detect-corpus');
const files =
  positionals.length > 0
    ? positionals
    : [
        ...readdirSync(detectDir)
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
          .map((f) => join(detectDir, f)),
        join(dataDir, 'modern', 'corpus.jsonl'),
      ];

function readTexts(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

const all = createHash('sha256');
for (const file of files) {
  const texts = readTexts(file);
  const h = createHash('sha256');
  for (const t of texts) {
    const v = extractFeatures(t);
    h.update(bytes(v.dense));
    h.update(bytes(v.sparse));
  }
  const digest = h.digest('hex');
  all.update(digest);
  console.log(`features ${digest} ${texts.length} docs ${file}`);
}
console.log(`features total ${all.digest('hex')}`);

if (values.scores) {
  const { loadDetector } = await import('../src/classifier/index.js');
  const detector = await loadDetector(values.model!, { backend: values.backend as 'cpu' });
  const allScores = createHash('sha256');
  for (const file of files) {
    const scores = await detector.scoreTexts(readTexts(file));
    const digest = createHash('sha256').update(bytes(scores)).digest('hex');
    allScores.update(digest);
    console.log(`scores ${digest} ${scores.length} docs ${file}`);
  }
  console.log(`scores total ${allScores.digest('hex')} (model ${detector.hash.slice(0, 12)}, backend ${detector.backend})`);
  detector.dispose();
}
