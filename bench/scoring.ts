/**
 * Scoring throughput of one thread: features + model, per backend and batch size.
 * Run: npx tsx bench/scoring.ts [modelDir] [--docs N] [--backends cpu,wasm] [--texts file.jsonl]
 *
 * Documents: texts from modern/corpus.jsonl cut to ~1 KB (at a word boundary); with --texts,
 * the first N texts of that JSONL file as they are (e.g. detect-corpus/test.jsonl, ~860 bytes). Reports
 * wall-clock docs/s and docs per CPU-second (the machine may be shared, CPU time is the
 * steadier number; above wall-clock when GC threads help), features and model timed
 * separately, each the best of 3 runs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDetector, type BackendPreference } from '../src/classifier/index.js';
import { extractFeatures, type FeatureVector } from '../src/features/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    docs: { type: 'string', default: '2048' },
    backends: { type: 'string', default: 'cpu,wasm' },
    texts: { type: 'string' },
  },
});
const modelDir = positionals[0] ?? join(repoRoot, 'classifiers', 'default');
const dataDir = resolve(process.env.CRAWLSIFT_DATA ?? join(repoRoot, '..', 'shared', 'data'));
const nDocs = Number(values.docs);

const readTexts = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text);
const texts = values.texts
  ? readTexts(values.texts).slice(0, nDocs)
  : readTexts(join(dataDir, 'modern', 'corpus.jsonl'))
      .filter((t) => t.length >= 1024)
      .slice(0, nDocs)
      .map((t) => t.slice(0, t.indexOf(' ', 1000) > 0 ? t.indexOf(' ', 1000) : 1024));
const meanBytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / texts.length;

/** Best of `REPEATS` runs: on a shared machine the fastest run is the least disturbed one. */
const REPEATS = 3;
async function measureAsync<T>(fn: () => Promise<T>): Promise<{ value: T; wallS: number; cpuS: number }> {
  let best: { value: T; wallS: number; cpuS: number } | undefined;
  for (let r = 0; r < REPEATS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = await fn();
    const c = process.cpuUsage(c0);
    const run = { value, wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6 };
    if (!best || run.wallS < best.wallS) best = run;
  }
  return best!;
}
const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');

console.log(`# scoring benchmark: ${texts.length} docs${values.texts ? ` from ${values.texts}` : ''}, mean ${meanBytes.toFixed(0)} bytes, model ${modelDir}`);
extractFeatures(texts[0]!); // warm the feature tables
const feats = await measureAsync(async () => texts.map((t) => extractFeatures(t)));
const vectors: FeatureVector[] = feats.value;
const meanIds = vectors.reduce((s, v) => s + v.sparse.length, 0) / vectors.length;
console.log(`features only: ${rate(texts.length, feats.wallS)} docs/s wall, ${rate(texts.length, feats.cpuS)} docs/CPU-s (mean ${meanIds.toFixed(0)} sparse ids/doc)`);

for (const backend of values.backends!.split(',') as BackendPreference[]) {
  for (const batchSize of [64, 256, 1024]) {
    const detector = await loadDetector(modelDir, { backend, batchSize });
    await detector.scoreFeatures(vectors.slice(0, batchSize)); // warm-up
    const model = await measureAsync(() => detector.scoreFeatures(vectors));
    const total = await measureAsync(() => detector.scoreTexts(texts));
    console.log(
      `${detector.backend.padEnd(5)} batch ${String(batchSize).padStart(4)}: model ${rate(texts.length, model.wallS)} docs/s wall, ` +
        `${rate(texts.length, model.cpuS)} docs/CPU-s | features+model ${rate(texts.length, total.wallS)} docs/s wall, ` +
        `${rate(texts.length, total.cpuS)} docs/CPU-s`,
    );
    detector.dispose();
  }
}
