/**
 * Window probe: how the default model ranks documents when it scores only the first W words,
 * or the mean logit of consecutive W-word windows, against the whole text. Choice data only:
 * detect-corpus/dev, the modern hold-out, and extra's SeqXGPT documents (lower-cased human
 * documents dropped, per the data README). npx tsx bench/detector-lab/window-probe.ts [modelDir]
 */
import { join } from 'node:path';
import { loadDetector, readCard, readLabeledFile, type LabeledDocument } from '../../src/classifier/index.js';
import { dataDir } from '../../src/data-dir.js';
import { summarise } from '../../src/evaluation/index.js';
import { detectorSplits } from '../lib/detector-splits.js';

const modelDir = process.argv[2] ?? 'classifiers/default';
const data = dataDir();
const splits = detectorSplits(data, await readCard(modelDir));
const read = async (p: string) => (await readLabeledFile(p)).documents;
const sets: Record<string, LabeledDocument[]> = {
  dev: await read(join(data, 'detect-corpus', 'dev.jsonl')),
  modernHold: (await read(splits.modern)).filter((d) => splits.inModernHoldout(d)),
  seqxgpt: (await read(join(data, 'extra', 'corpus.jsonl'))).filter(
    (d) => d.source === 'seqxgpt-doclevel' && (d.label === 'synthetic' || d.text !== d.text.toLowerCase()),
  ),
};
const det = await loadDetector(modelDir, { backend: 'cpu' });
const logit = (p: number) => Math.log(Math.max(p, 1e-7) / Math.max(1 - p, 1e-7));

function windows(text: string, w: number, all: boolean): string[] {
  const words = text.split(' ');
  if (!all || words.length <= w) return [words.slice(0, w).join(' ')];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += w) {
    const chunk = words.slice(i, i + w);
    if (out.length > 0 && chunk.length < w / 3) break;
    out.push(chunk.join(' '));
  }
  return out;
}

async function score(docs: LabeledDocument[], w: number, all: boolean): Promise<number[]> {
  const parts = docs.map((d) => (w ? windows(d.text, w, all) : [d.text]));
  const flat = await det.scoreTexts(parts.flat());
  let k = 0;
  return parts.map((p) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) s += logit(flat[k++]!);
    return 1 / (1 + Math.exp(-s / p.length));
  });
}

for (const [w, all] of [[0, false], [120, false], [150, false], [200, false], [250, false], [120, true], [150, true], [200, true]] as const) {
  const cells: string[] = [];
  for (const [name, docs] of Object.entries(sets)) {
    const s = summarise(await score(docs, w, all), docs.map((d) => d.label === 'synthetic'));
    cells.push(`${name} ${s.auroc!.toFixed(3)}/${s.tprAtFpr['0.01']!.toFixed(3)}`);
  }
  console.log(`${w ? (all ? `mean of ${w}-word windows` : `first ${w} words`) : 'whole text'}: ${cells.join(' | ')}`);
}
