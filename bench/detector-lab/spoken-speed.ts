/**
 * Cost of the spoken-LM features beside the rest of feature extraction, one thread, over
 * detect-corpus/test (the benchmark's throughput documents), alternating passes so that the
 * VM's swings hit all alike. Lab only.
 *   [CRAWLSIFT_SPOKEN_LM=<file>] npx tsx bench/detector-lab/spoken-speed.ts
 * (the model: build-spoken-lm.ts, which writes bench/detector-lab/tmp/spoken-lm.bin by default)
 */
import { readFileSync } from 'node:fs';
import { dataDir } from '../../src/data-dir.js';
import { extractFeatures, FEATURE_SPEC, normalise, withoutClosingPunctuation } from '../../src/features/index.js';
import { referenceLmWordFeatures, shippedWordLm } from '../../src/features/reference-lm/index.js';
import { spokenLm, spokenLmFeatures } from './spoken-lm/features.js';
import { leadingWords } from '../../src/features/window.js';

const docs = readFileSync(`${dataDir()}/detect-corpus/test.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
const texts = docs.map((t) => withoutClosingPunctuation(normalise(leadingWords(t, FEATURE_SPEC.windowWords))).toLowerCase());
const out = new Float32Array(15);
const spoken = spokenLm();
const word = shippedWordLm();
const runs: Record<string, () => void> = {
  'extractFeatures (whole signature + n-grams)': () => docs.forEach((t) => extractFeatures(t)),
  'word LM features': () => texts.forEach((t) => referenceLmWordFeatures(t, word, out)),
  'spoken LM features': () => texts.forEach((t) => spokenLmFeatures(t, spoken, out)),
};
const best: Record<string, number> = {};
for (let pass = 0; pass < 7; pass++) {
  for (const [name, fn] of Object.entries(runs)) {
    const t0 = performance.now();
    fn();
    const us = ((performance.now() - t0) * 1000) / docs.length;
    best[name] = Math.min(best[name] ?? Infinity, us);
  }
}
for (const [name, us] of Object.entries(best)) console.log(`${name}: ${us.toFixed(1)} µs a document (best of 7 passes, ${docs.length} documents)`);
const mb = (process.memoryUsage().rss / 1e6).toFixed(0);
console.log(`RSS ${mb} MB`);
