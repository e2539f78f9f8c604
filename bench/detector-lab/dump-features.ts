/**
 * Writes every lab set's dense signature features, labels and text as JSON lines, so that
 * model and feature ideas can be ranked in seconds outside tfjs (lab only; nothing ships
 * from it). Sets: the default recipe's training documents plus their length crops (seed 1,
 * as `train:default` draws them), detect-corpus/dev, the modern hold-out, extra's SeqXGPT
 * part, and detect-corpus/test (report only: never choose on it); ATTACKS adds attacked copies.
 *   npx tsx bench/detector-lab/dump-features.ts /tmp/lab
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_TRAINING, loadLabeledInput, type LabeledDocument } from '../../src/classifier/index.js';
import { lengthCrops } from '../../src/classifier/length-crops.js';
import { applyAttack, seedFromString, type AttackKind } from '../../src/evaluation/index.js';
import { extractFeatures, FEATURE_SPEC } from '../../src/features/index.js';
import { defaultData, extraHeldOut } from '../../src/training/index.js';

const out = process.argv[2] ?? '/tmp/lab';
const data = defaultData(new URL('../../../shared/data/', import.meta.url).pathname);

async function docsOf(inputs: Parameters<typeof loadLabeledInput>[0][]): Promise<LabeledDocument[]> {
  return (await Promise.all(inputs.map(loadLabeledInput))).flatMap((f) => f.documents);
}

const trainDocs = await docsOf(data.train());
const crops = { ...DEFAULT_TRAINING.lengthCrops, maxWords: FEATURE_SPEC.windowWords };
const report = data.report();
const sets: Record<string, LabeledDocument[]> = {
  train: lengthCrops(trainDocs, crops, DEFAULT_TRAINING.seed),
  dev: await docsOf(data.dev()),
  modern: await docsOf([report['modern-holdout']!]),
  seqxgpt: await docsOf([{ path: data.files.extra, keep: extraHeldOut }]),
  test: await docsOf([report['detect-corpus-test']!]),
};

// ATTACKS=misspelling,article-deletion adds <set>-<kind> copies of train (documents, not crops),
// dev and SeqXGPT, each record attacked with a seed of its own (lab seed 2, not the bench's 1).
for (const kind of (process.env.ATTACKS ?? '').split(',').filter(Boolean) as AttackKind[]) {
  const attacked = (docs: LabeledDocument[]) =>
    docs.map((d) => ({ ...d, text: applyAttack(kind, d.text, seedFromString(`2:${String(d.id)}`)) }));
  sets[`train-${kind}`] = attacked(trainDocs);
  sets[`dev-${kind}`] = attacked(sets.dev!);
  sets[`seqxgpt-${kind}`] = attacked(sets.seqxgpt!);
}

await mkdir(out, { recursive: true });
for (const [name, docs] of Object.entries(sets)) {
  const file = createWriteStream(join(out, `${name}.jsonl`));
  for (const d of docs) {
    const v = extractFeatures(d.text);
    const row = {
      id: d.id, label: d.label, source: d.source ?? null, generator: d.generator ?? null,
      dense: Array.from(v.dense), text: d.text,
    };
    file.write(JSON.stringify(row) + '\n');
  }
  await new Promise((r) => file.end(r));
  console.error(`${name}: ${docs.length}`);
}
console.error(`names: ${FEATURE_SPEC.signature.join(',')}`);
