/**
 * AUROC by document length on dev: the documents of at least N words cut to their last N words
 * (bench/lib/detector-breakdown.ts), for a model directory. What the card's scope.minWords is
 * chosen from (the benchmark prints the same curve with the test sets beside it). Never reads a
 * test split.
 *   npx tsx bench/detector-lab/length-curve.ts <modelDir>
 */
import { loadDetector, loadLabeledInput } from '../../src/classifier/index.js';
import { dataDir } from '../../src/data-dir.js';
import { defaultData } from '../../src/training/index.js';
import { lengthCurve } from '../lib/detector-breakdown.js';

const dir = process.argv[2] ?? 'classifiers/default';
const data = defaultData(dataDir());
const detector = await loadDetector(dir, { backend: 'cpu' });
const score = (t: string[]) => detector.scoreTexts(t);
const parts = ['detect-corpus/dev', 'modern dev part', 'modern2024/dev'];
const inputs = data.dev();
const curves: Record<string, Awaited<ReturnType<typeof lengthCurve>>> = {};
const all = [];
for (const [i, input] of inputs.entries()) {
  const docs = (await loadLabeledInput(input)).documents;
  all.push(...docs);
  curves[parts[i]!] = await lengthCurve(docs, score);
}
curves['dev (pooled)'] = await lengthCurve(all, score);
const names = Object.keys(curves);
console.log(['words', ...names].join(' | '));
curves[names[0]!]!.forEach((p, i) => console.log([p.words, ...names.map((n) => `${curves[n]![i]!.auroc?.toFixed(3) ?? 'n/a'} (${curves[n]![i]!.n})`)].join(' | ')));
detector.dispose();
