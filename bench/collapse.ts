// `npm run bench:collapse`: does crawlsift's corpus-health monitor see model collapse? As Shumailov
// et al. (Nature 2024) did with real LMs, on the project's n-gram LM: train a word trigram model on
// human text, sample a corpus from it, train the next generation on that sample only, and repeat.
// Each generation is compared with the human text as `crawlsift stats --compare` does (same code:
// measureCorpus + compareFigures, 95% bootstrap intervals) and scored by the shipped detector.
// Results: bench/results/collapse.json and bench/results/collapse.html (charts).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDetector } from '../src/classifier/index.js';
import { readVerifiedModel } from '../src/classifier/verified-model.js';
import { dataDir } from '../src/data-dir.js';
import { measureCorpus, type CorpusStats } from '../src/diversity/corpus-stats.js';
import { compareFigures, SCALAR_FIGURES, scalarFigure, quantile } from '../src/diversity/intervals.js';
import { normalise } from '../src/features/normalise.js';
import { hashString } from '../src/features/reference-lm/hash.js';
import { NgramCounter } from '../src/features/reference-lm/index.js';
import { NUMBER_SYMBOL, WORD_RE } from '../src/features/reference-lm/tokenise.js';
import { defaultModelDir, packageRoot } from '../src/paths.js';
import { mulberry32 } from '../src/random.js';
import { COLORS, chartCanvas, type ChartSpec } from '../src/report/charts.js';
import { htmlTable, paragraph, section } from '../src/report/html.js';
import { renderPage } from '../src/report/page.js';
import { NgramSampler } from './lib/ngram-sampler.js';

const GENERATIONS = Number(process.env.COLLAPSE_GENERATIONS ?? 8);
const DOCS = Number(process.env.COLLAPSE_DOCS ?? 1500);
const REPLICATES = Number(process.env.COLLAPSE_REPLICATES ?? 100);
const ORDER = 3;
const random = mulberry32(2024);
const tmp = mkdtempSync(join(tmpdir(), 'collapse-'));

// Human text: the human side of detect-corpus and modern2024 (none of it in the reference LM's training text).
const human = ['detect-corpus/train', 'detect-corpus/dev', 'detect-corpus/test', 'modern2024/train']
  .flatMap((f) => readFileSync(join(dataDir(), `${f}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string }))
  .filter((r) => r.label === 'human').map((r) => r.text).slice(0, DOCS);

/** The LM's tokens of a text (lower-cased words, numbers, punctuation marks). */
const tokensOf = (text: string) => normalise(text).toLowerCase().match(WORD_RE) ?? [];
const symbolOf = (token: string) => (/^[0-9]/.test(token) ? NUMBER_SYMBOL : hashString(token) >>> 0);
const words = new Map<number, string>([[NUMBER_SYMBOL, '2']]);
/** Tokens back to text: punctuation attached to the word before it. */
const render = (symbols: readonly number[]) => symbols.map((s) => words.get(s)!).join(' ').replace(/ ([.,;:!?)'"%])/g, '$1').replace(/([($]) /g, '$1');

// Generation 0: the human text as the LM sees it (tokenised, lower-cased, rendered back), so that the
// generations differ from it by what the LM does, not by casing or spacing.
let corpus: number[][] = human.map((text) => tokensOf(text).map((t) => {
  const s = symbolOf(t);
  if (!words.has(s)) words.set(s, t);
  return s;
}));
const lengths = corpus.map((d) => d.length);
const files: string[] = [];
const texts: string[][] = [];
const detector = await loadDetector(defaultModelDir());
const { thresholds } = await readVerifiedModel(defaultModelDir());
for (let g = 0; g <= GENERATIONS; g++) {
  if (g > 0) {
    const counter = new NgramCounter(ORDER);
    for (const doc of corpus) counter.add(doc);
    const sampler = new NgramSampler(counter);
    corpus = lengths.map((n) => {
      const doc: number[] = [];
      while (doc.length < n) doc.push(sampler.next(doc.slice(-(ORDER - 1)), random));
      return doc;
    });
  }
  const rendered = corpus.map(render);
  texts.push(rendered);
  const file = join(tmp, `generation-${g}.jsonl`);
  writeFileSync(file, rendered.map((text, i) => JSON.stringify({ id: `g${g}-${i}`, text })).join('\n') + '\n');
  files.push(file);
  console.error(`generation ${g}: ${rendered.length} documents`);
}

interface GenerationRow {
  generation: number;
  figures: Record<string, number | null>;
  differencesFromHuman: ReturnType<typeof compareFigures> | undefined;
  detector: { meanScore: number; p10: number; median: number; p90: number; flaggedSynthetic: number; routedHuman: number };
}
const stats: CorpusStats[] = [];
const rows: GenerationRow[] = [];
for (let g = 0; g <= GENERATIONS; g++) {
  stats.push(await measureCorpus([files[g]!], { bootstrap: { replicates: REPLICATES, seed: 100 + g } }));
  const scores = Array.from(await detector.scoreTexts(texts[g]!));
  const differences = g === 0 ? undefined : compareFigures(stats[0]!, stats[g]!);
  rows.push({
    generation: g,
    figures: Object.fromEntries(SCALAR_FIGURES.map((n) => [n, scalarFigure(stats[g]!.figures, n)])),
    differencesFromHuman: differences,
    detector: {
      meanScore: scores.reduce((s, x) => s + x, 0) / scores.length,
      p10: quantile(scores, 0.1),
      median: quantile(scores, 0.5),
      p90: quantile(scores, 0.9),
      flaggedSynthetic: scores.filter((s) => s >= thresholds.high).length / scores.length,
      routedHuman: scores.filter((s) => s < thresholds.low).length / scores.length,
    },
  });
  console.error(`measured generation ${g}`);
}
detector.dispose();

const result = {
  benchmark: 'collapse',
  date: new Date().toISOString(),
  design: {
    human: `${human.length} human documents of detect-corpus (train, dev, test) and modern2024/train, tokenised and lower-cased as the reference LM reads them (generation 0)`,
    model: `word ${ORDER}-gram, absolute discount 0.75 with back-off (NgramCounter counts; bench/lib/ngram-sampler.ts samples as buildNgramLm estimates)`,
    generations: GENERATIONS,
    documentsPerGeneration: human.length,
    lengths: 'each generated document has the token count of its human counterpart',
    comparison: `crawlsift stats --compare of each generation against generation 0, ${REPLICATES} bootstrap replicates`,
    detector: `classifiers/default, thresholds low ${thresholds.low.toFixed(3)} high ${thresholds.high.toFixed(3)}`,
  },
  generations: rows,
};
const resultsDir = join(packageRoot(), 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'collapse.json'), JSON.stringify(result, null, 2) + '\n');

// The chart: each figure relative to the human text's, per generation; and the detector's scores.
const palette = [COLORS.human, COLORS.synthetic, COLORS.uncertain, COLORS.line, COLORS.grey, '#6a1b9a', '#00838f', '#ef6c00', '#4e342e', '#ad1457'];
const relative: ChartSpec = {
  id: 'relative',
  config: {
    type: 'line',
    data: {
      labels: rows.map((r) => String(r.generation)),
      datasets: SCALAR_FIGURES.map((n, i) => ({
        label: n,
        data: rows.map((r) => 100 * ((r.figures[n] ?? NaN) / (rows[0]!.figures[n] ?? NaN) - 1)),
        borderColor: palette[i % palette.length],
      })),
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { title: { display: true, text: 'Each figure relative to the human text (generation 0), percent' } },
      scales: { x: { title: { display: true, text: 'generation' } }, y: { title: { display: true, text: 'change from human (%)' } } },
    },
  },
};
const scores: ChartSpec = {
  id: 'scores',
  config: {
    type: 'line',
    data: {
      labels: rows.map((r) => String(r.generation)),
      datasets: [
        { label: 'p90 score', data: rows.map((r) => r.detector.p90), borderColor: COLORS.grey, borderDash: [4, 4] },
        { label: 'median score', data: rows.map((r) => r.detector.median), borderColor: COLORS.synthetic },
        { label: 'p10 score', data: rows.map((r) => r.detector.p10), borderColor: COLORS.grey, borderDash: [4, 4] },
        { label: 'share flagged synthetic', data: rows.map((r) => r.detector.flaggedSynthetic), borderColor: COLORS.line },
      ],
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { title: { display: true, text: 'Detector scores per generation (P(machine-generated))' } },
      scales: { x: { title: { display: true, text: 'generation' } }, y: { min: 0, max: 1 } },
    },
  },
};
const table = htmlTable(
  ['generation', ...SCALAR_FIGURES],
  rows.map((r) => [String(r.generation), ...SCALAR_FIGURES.map((n) => {
    const d = r.differencesFromHuman?.[n].difference;
    const v = r.figures[n];
    return v === null || v === undefined ? '-' : d?.ci95 ? `${v.toPrecision(4)} (${d.value! >= 0 ? '+' : ''}${d.value!.toPrecision(2)} [${d.ci95[0].toPrecision(2)}, ${d.ci95[1].toPrecision(2)}])` : v.toPrecision(4);
  })]),
  'value (difference from human [95% interval])',
);
writeFileSync(join(resultsDir, 'collapse.html'), renderPage('Model collapse, seen by crawlsift stats', [
  paragraph(Object.entries(result.design).map(([k, v]) => `${k}: ${v}`).join('; '), 'meta'),
  section('Figures per generation', chartCanvas(relative, true) + table, 'figures'),
  section('Detector', chartCanvas(scores, true), 'detector'),
], [relative, scores]));
console.log('gen ' + SCALAR_FIGURES.map((n) => n.slice(0, 10).padStart(11)).join('') + '   median  flagged');
for (const r of rows) console.log(String(r.generation).padStart(3) + ' ' + SCALAR_FIGURES.map((n) => (r.figures[n]?.toPrecision(4) ?? '-').padStart(11)).join('') + r.detector.median.toFixed(3).padStart(9) + (100 * r.detector.flaggedSynthetic).toFixed(1).padStart(8) + '%');
