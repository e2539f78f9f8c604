/**
 * Scoring throughput of one tree's shipped default model, one thread: `loadDetector` and
 * `scoreTexts` (features + model) from `<tree>/dist`, over detect-corpus/test, the best and the
 * median of several timed passes. The detector benchmark runs it on this tree and on a baseline
 * tree (BENCH_BASELINE_TREE, built) in turn, so that both figures come from the same session.
 *
 *   node dist/bench/throughput-probe.js <tree> [passes]
 *
 * Prints one JSON line: { tree, model, documents, passes, best, median } (documents per second,
 * wall time).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProbeDetector {
  scoreTexts(texts: string[]): Promise<ArrayLike<number>>;
  dispose(): void;
}

const tree = resolve(process.argv[2] ?? '.');
const passes = Number(process.argv[3] ?? 10);
const data = process.env.CRAWLSIFT_DATA ? resolve(process.env.CRAWLSIFT_DATA) : join(tree, '..', 'shared', 'data');
const texts = readFileSync(join(data, 'detect-corpus', 'test.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { text: string }).text);
const classifier = (await import(pathToFileURL(join(tree, 'dist', 'src', 'classifier', 'index.js')).href)) as {
  loadDetector(dir: string, options: { backend: string }): Promise<ProbeDetector>;
  readCard(dir: string): Promise<{ modelHash: string }>;
};
const modelDir = join(tree, 'classifiers', 'default');
const card = await classifier.readCard(modelDir);
const detector = await classifier.loadDetector(modelDir, { backend: 'cpu' });
await detector.scoreTexts(texts.slice(0, 256)); // warm the feature tables and the model
const rates: number[] = [];
for (let p = 0; p < passes; p++) {
  const t0 = performance.now();
  await detector.scoreTexts(texts);
  rates.push(texts.length / ((performance.now() - t0) / 1000));
}
detector.dispose();
rates.sort((a, b) => b - a);
console.log(JSON.stringify({ tree, model: card.modelHash.slice(0, 12), documents: texts.length, passes, best: rates[0], median: rates[Math.floor(passes / 2)] }));
