import type { CardMetrics, LabelCounts, Lineage, ModelCard } from '../classifier/index.js';

const num = (x: number | null, digits = 3) => (x === null ? 'n/a' : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

/** One line of metrics of a labeled set as the card records them. */
export function formatCardMetrics(set: string, m: CardMetrics): string {
  return (
    `${set}: AUROC ${num(m.auroc)}, synthetic caught at 1% FPR ${pct(m.tprAt1PctFpr)}, ` +
    `Brier ${num(m.brier)}, ECE ${num(m.ece)} (${m.documents.toLocaleString('en-US')} docs)`
  );
}

function counts(c: LabelCounts): string {
  const sources = Object.keys(c.bySource);
  return `${c.human.toLocaleString('en-US')} human + ${c.synthetic.toLocaleString('en-US')} synthetic` +
    (sources.length > 0 ? ` from ${sources.length} source${sources.length === 1 ? '' : 's'}` : '');
}

/** The end-of-training summary `crawlsift train` prints: data, epochs, dev metrics, thresholds. */
export function formatTrainSummary(card: ModelCard, dir: string): string {
  const t = card.training;
  const lines = [
    `model ${card.name} written to ${dir} (${card.modelHash.slice(0, 12)}, ${card.architecture.parameters.toLocaleString('en-US')} parameters, features ${card.featureSpec.version})`,
    `train: ${counts(t.train)}`,
    `dev:   ${counts(t.dev)} (${t.devSource})`,
    ...(card.lineage ? [lineageLine(card.lineage, card.training.frozen ?? [])] : []),
    `epochs: ${t.epochsRun} of at most ${t.epochs} run, weights of epoch ${t.bestEpoch} kept (${selectionRule(card)}); seed ${t.seed}`,
    ...Object.entries(card.metrics).map(([set, m]) => formatCardMetrics(set, m)),
    `thresholds: human if score < ${num(card.thresholds.low, 4)}, synthetic if score >= ${num(card.thresholds.high, 4)} (score = calibrated P(machine-generated), 0..1)`,
    `  rule: ${card.thresholds.rule}`,
    `use it: crawlsift eval --model ${dir} <labeled.jsonl>   crawlsift filter <input> --model ${dir} --out <dir>`,
  ];
  return lines.join('\n');
}

/** What picked the kept epoch: the card records `selectBy` unless it was the dev loss. */
function selectionRule(card: ModelCard): string {
  const rule = card.training.selectBy;
  return rule === 'auroc' ? 'highest dev AUROC' : rule === 'last' ? 'the last: a fixed schedule' : 'lowest dev loss';
}

/** Where a fine-tuned model comes from. */
function lineageLine(l: Lineage, frozen: readonly string[]): string {
  return `fine-tuned from ${l.base.name} (${l.base.modelHash.slice(0, 12)}) on ${l.newData.documents.toLocaleString('en-US')} new documents ` +
    `(${l.newData.human} human, ${l.newData.synthetic} synthetic; sha256 ${l.newData.sha256.slice(0, 12)}), with ${l.replay.documents.toLocaleString('en-US')} of its own training documents mixed in (ratio ${l.replay.ratio})` +
    (frozen.length > 0 ? `; kept its ${frozen.join(', ')} weights` : '');
}
