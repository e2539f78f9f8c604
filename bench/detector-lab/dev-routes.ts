/**
 * Routes at a model's card thresholds on each dev input, per task for modern2024/dev: uncertain
 * share, leak-through, human loss, and the share of each task's machine texts routed human. What
 * the threshold rule is chosen on; never reads a test split.
 *   npx tsx bench/detector-lab/dev-routes.ts <modelDir> [low high]
 */
import { loadDetector, loadLabeledInput } from '../../src/classifier/index.js';
import { dataDir } from '../../src/data-dir.js';
import { defaultData } from '../../src/training/index.js';
import { reportSet } from '../lib/detector-breakdown.js';

const dir = process.argv[2] ?? 'classifiers/default';
const detector = await loadDetector(dir, { backend: 'cpu' });
const thresholds = process.argv[3] ? { low: Number(process.argv[3]), high: Number(process.argv[4]) } : detector.thresholds;
const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
console.log(`thresholds low ${thresholds.low.toFixed(4)} high ${thresholds.high.toFixed(4)}`);
const names = ['detect-corpus/dev', 'modern dev part', 'modern2024/dev'];
for (const [i, input] of defaultData(dataDir()).dev().entries()) {
  const docs = (await loadLabeledInput(input)).documents;
  const r = reportSet(docs, await detector.scoreTexts(docs.map((d) => d.text)), thresholds);
  const tasks = Object.entries(r.byTask).map(([t, x]) => `${t} ${pct(x.routedHuman)}`).join(', ');
  console.log(`${names[i]}: uncertain ${pct(r.routes.uncertain)}, leak-through ${pct(r.routes.leakThrough)}, human loss ${pct(r.routes.humanLoss)}; routed human by task: ${tasks}`);
}
detector.dispose();
