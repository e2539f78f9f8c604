/**
 * One training of the tfjs detector with options from argv (JSON), reporting dev and the
 * held-out modern part (never detect-corpus/test). Slow (~10 min on the shared machine).
 *   npx tsx bench/detector-lab/tfjs-variant.ts '{"l2":1e-5}' name
 */
import { trainDetector } from '../../src/classifier/index.js';
import { stableHash } from '../../src/classifier/prng.js';
const D = new URL('../../../shared/data/', import.meta.url).pathname;
const hold = (d: { id?: unknown; text: string }) => stableHash(String(d.id ?? d.text)) % 100 < 20;
const opts = JSON.parse(process.argv[2] ?? '{}');
const name = process.argv[3] ?? 'variant';
const t0 = Date.now();
const { card } = await trainDetector({
  out: `bench/detector-lab/tmp/${name}`, seed: 1, epochs: 12, progressBar: false, ...opts,
  data: [D + 'detect-corpus/train.jsonl', { path: D + 'modern/corpus.jsonl', keep: (d) => !hold(d) }],
  dev: D + 'detect-corpus/dev.jsonl',
  report: {
    mh: { path: D + 'modern/corpus.jsonl', keep: hold },
    // extra's SeqXGPT documents, lower-cased (PTB) human documents dropped per the data README.
    sx: { path: D + 'extra/corpus.jsonl', keep: (d) => d.source === 'seqxgpt-doclevel' && (d.label === 'synthetic' || d.text !== d.text.toLowerCase()) },
  },
  onEpoch: (p) => console.error(name, p.epoch, p.trainLoss.toFixed(4), p.devLoss.toFixed(4), p.devAuroc.toFixed(3), p.best ? '*' : '', ((Date.now() - t0) / 1000).toFixed(0) + 's'),
});
const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
for (const [k, m] of Object.entries(card.metrics)) console.log(name, JSON.stringify(opts), k, 'AUROC', f(m.auroc), 'TPR@1%', f(m.tprAt1PctFpr));
