/**
 * The adaptation benchmark of issue 19 (npm run bench:adapt): how much k labeled documents of a
 * source the detector never saw help, and what it forgets. For each source of the default recipe's
 * training data, held out in turn:
 *   1. a base trained like the default model without that source (bench/lib/adapt-data.ts; cached
 *      in bench/tmp/adapt/bases/ while its data and settings are the same);
 *   2. k = 50, 100, 200, 400 labeled documents of the source, k/2 per label, drawn from its
 *      documents the base never saw by each sampling strategy of `crawlsift sample`, on the
 *      base's scores and thresholds;
 *   3. `train --base` on them (fineTuneDetector with the recipe's data without the source as the
 *      replay and dev data, as the CLI finds it for a recipe model);
 *   4. AUROC and TPR at 1% FPR on the source's report-only documents (never drawn) and on the other
 *      sources' (forgetting: the mean of each source's figure; pooled too, in the JSON).
 * Three seeds (the draw, the replay draw and the fine-tune's shuffle); k = 0 is the base itself.
 * Results: bench/results/adapt.json and bench/results/adapt.html (learning curves).
 *
 * Settings (environment):
 *   BENCH_QUICK=1          development run: two sources, k = 0, 100, 200, uncertainty and random,
 *                          one seed; results to bench/tmp/adapt/adapt.quick.{json,html}
 *   ADAPT_SOURCES=a,b      only these sources          ADAPT_K=0,50,...   these k
 *   ADAPT_STRATEGIES=...   these strategies            ADAPT_SEEDS=1,2    these seeds
 *   ADAPT_RATIOS=0,1,2     replay ratios to compare (each run repeated per ratio; the curve uses the default)
 *   ADAPT_LEARN_CLASS_LM=0,1,8  fine-tune with the base's class LMs kept (0) or learning the new documents, each counted n times; as ratios
 *   ADAPT_EPOCHS, ADAPT_LR fine-tune epochs and learning rate (default: FINE_TUNE_DEFAULTS)
 *   ADAPT_TRAIN_NGRAMS=1   fine-tune the n-gram table too (fineTuneDetector's trainNgrams)
 *   ADAPT_POOL_MIX=test    diagnostic: draw from the pool cut to the report-only documents' generator
 *                          shares (matchedMix), as a user's sample shares its crawl's; default: the whole pool
 *   ADAPT_OUT=path         write the JSON (and .html beside it) there instead
 *   ADAPT_KEEP=a.json,...  keep the sources this run does not hold out from earlier results files of
 *                          the same model and settings (bench/lib/adapt-keep.ts), so that a run done in
 *                          parts (several processes or sessions) is reported as one; kept baselines
 *                          carry `keptFrom`, the date of their run; a gathered file's sources are
 *                          credited to the parts it names
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRAINING, FINE_TUNE_DEFAULTS, loadDetector, loadLabeledInput, readCard } from '../src/classifier/index.js';
import { dataDir } from '../src/data-dir.js';
import { defaultModelDir, packageRoot } from '../src/paths.js';
import { SAMPLE_STRATEGIES } from '../src/sampling/index.js';
import { adaptData, heldOutBase } from './lib/adapt-data.js';
import { keepEarlierSources, type AdaptResultFile } from './lib/adapt-keep.js';
import { drawBalanced, fineTuneOn, matchedMix, measure, measureBySource, undrawn } from './lib/adapt-run.js';
import { runInfo } from './lib/run-info.js';
import { checkTargets, curves, describeSeeds, formatAdaptTable, renderAdaptPage, type AdaptRun, type SourceBaseline } from './lib/adapt-summary.js';

const started = Date.now();
const quick = process.env.BENCH_QUICK === '1';
const list = (name: string, fallback: string[]) => (process.env[name] ? process.env[name]!.split(',').map((s) => s.trim()).filter(Boolean) : fallback);
const numbers = (name: string, fallback: number[]) => list(name, fallback.map(String)).map(Number);
const ks = numbers('ADAPT_K', quick ? [0, 100, 200] : [0, 50, 100, 200, 400]);
const strategies = list('ADAPT_STRATEGIES', quick ? ['uncertainty', 'random'] : [...SAMPLE_STRATEGIES]);
const seeds = numbers('ADAPT_SEEDS', quick ? [1] : [1, 2, 3]);
const ratios = numbers('ADAPT_RATIOS', [FINE_TUNE_DEFAULTS.replayRatio]);
const learnLm = numbers('ADAPT_LEARN_CLASS_LM', [FINE_TUNE_DEFAULTS.learnClassLm]);
const epochs = Number(process.env.ADAPT_EPOCHS ?? FINE_TUNE_DEFAULTS.epochs);
const learningRate = Number(process.env.ADAPT_LR ?? FINE_TUNE_DEFAULTS.learningRate);
const trainNgrams = process.env.ADAPT_TRAIN_NGRAMS === '1';
const poolMix = process.env.ADAPT_POOL_MIX ?? 'pool';
if (poolMix !== 'pool' && poolMix !== 'test') throw new Error(`ADAPT_POOL_MIX must be pool or test, not ${poolMix}`);
// The held-out bases' epoch limit (the default recipe's unless set: each base is a full training).
const baseEpochs = Number(process.env.ADAPT_BASE_EPOCHS ?? DEFAULT_TRAINING.epochs);
const root = packageRoot();
const tmp = join(root, 'bench', 'tmp', 'adapt');
const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}`);

const card = await readCard(defaultModelDir());
const data = await adaptData(dataDir(), card);
for (const problem of data.cardMismatches) log(`warning: ${problem}`);
const quickSources = ['xsum-bbc-news', 'detectrl-writingprompts-reddit'].filter((s) => data.sources.some((x) => x.source === s));
const sources = data.sources.filter((s) => list('ADAPT_SOURCES', quick ? quickSources : data.sources.map((x) => x.source)).includes(s.source));
log(
  `${quick ? 'QUICK' : sources.length === data.sources.length ? 'full' : `partial (${sources.length} of ${data.sources.length} sources)`} run: sources ${sources.map((s) => s.source).join(', ')}; ` +
    `k ${ks.join(', ')}; ${strategies.join(', ')}; seeds ${seeds.join(', ')}; replay ratios ${ratios.join(', ')}; class-LM weights ${learnLm.join(', ')}; ${epochs} epochs at ${learningRate}`,
);

// The default model (trained with every source) on each held-out source: what all of its labels give.
const defaultModel = await loadDetector(defaultModelDir(), { backend: 'cpu' });
const baselines: SourceBaseline[] = [];
const runs: AdaptRun[] = [];
for (const { source, pool, test } of sources) {
  const baseDir = await heldOutBase(data, source, join(tmp, 'bases', source), baseEpochs, log);
  const base = await loadDetector(baseDir, { backend: 'cpu' });
  const held = test;
  const others = data.report.filter((d) => d.source !== source);
  const poolScores = await base.scoreTexts(pool.map((d) => d.text));
  const scoreOf = new Map(pool.map((d, i) => [d, poolScores[i]!]));
  // What each seed draws from: the whole pool, or (ADAPT_POOL_MIX=test) the pool at the report-only documents' generator shares.
  const drawPool = new Map(seeds.map((seed) => [seed, poolMix === 'test' ? matchedMix(pool, held, seed) : pool]));
  if (poolMix === 'test') for (const [seed, from] of drawPool) log(`${source}: seed ${seed} draws from ${from.filter((d) => d.label === 'synthetic').length} synthetic pool documents at the report-only documents' generator shares`);
  const count = (label: string) => pool.filter((d) => d.label === label).length;
  const baseline: SourceBaseline = { source, pool: { human: count('human'), synthetic: count('synthetic') }, held: await measure(base, held), others: await measureBySource(base, others), reference: await measure(defaultModel, held) };
  baselines.push(baseline);
  log(`${source}: k = 0 held-out AUROC ${baseline.held.auroc?.toFixed(3)} (${held.length} docs; the default model ${baseline.reference?.auroc?.toFixed(3)}), others ${baseline.others.auroc?.toFixed(3)}; pool ${pool.length}`);
  // Read once per source: every fine-tune of the source draws from the same base data.
  const without = data.without(source);
  const replay = { train: await Promise.all(without.train.map(loadLabeledInput)), dev: await Promise.all(without.dev.map(loadLabeledInput)) };
  for (const k of ks.filter((k) => k > 0)) {
    for (const strategy of strategies) {
      for (const seed of seeds) {
        const from = drawPool.get(seed)!;
        const drawn = drawBalanced(from, from.map((d) => scoreOf.get(d)!), base.thresholds, strategy as (typeof SAMPLE_STRATEGIES)[number], k, seed);
        if (!drawn) {
          log(`${source}: k = ${k} needs ${k / 2} documents of each label; the pool has ${baseline.pool.human} human, ${baseline.pool.synthetic} synthetic: skipped`);
          continue;
        }
        // The pool's other documents (none of a drawn document's source document): a dev figure to choose settings on.
        const rest = undrawn(pool, drawn);
        const restBase = await measure(base, rest);
        for (const replayRatio of ratios) {
          for (const learnClassLm of learnLm) {
            const dir = join(tmp, 'runs', `${source}-${strategy}-k${k}-s${seed}-r${replayRatio}-lm${learnClassLm}`);
            rmSync(dir, { recursive: true, force: true });
            mkdirSync(dir, { recursive: true });
            const tuned = await fineTuneOn(baseDir, drawn, dir, replay, { seed, replayRatio, epochs, learningRate, trainNgrams, learnClassLm });
            const model = await loadDetector(tuned.dir, { backend: 'cpu' });
            const run: AdaptRun = {
              source, strategy, seed, k, replayRatio, learnClassLm, epochs, learningRate,
              held: await measure(model, held), others: await measureBySource(model, others), rest: { base: restBase, tuned: await measure(model, rest) },
              seconds: tuned.seconds, cpuSeconds: tuned.cpuSeconds,
            };
            model.dispose();
            rmSync(dir, { recursive: true, force: true });
            runs.push(run);
            log(
              `${source} ${strategy} k=${k} seed ${seed} ratio ${replayRatio}${learnClassLm ? ` class LM learnt x${learnClassLm}` : ''}: held ${run.held.auroc?.toFixed(3)} (${signedDelta(run.held.auroc, baseline.held.auroc)}), ` +
                `others ${run.others.auroc?.toFixed(3)} (${signedDelta(run.others.auroc, baseline.others.auroc)}), pool rest ${run.rest.tuned.auroc?.toFixed(3)} (${signedDelta(run.rest.tuned.auroc, restBase.auroc)}); ` +
                `${tuned.seconds.toFixed(0)} s wall, ${tuned.cpuSeconds.toFixed(0)} CPU-s`,
            );
          }
        }
      }
    }
  }
  base.dispose();
}
defaultModel.dispose();

const settings = { ks, strategies, seeds, poolMix, replayRatios: ratios, defaultReplayRatio: FINE_TUNE_DEFAULTS.replayRatio, learnClassLm: learnLm, defaultLearnClassLm: FINE_TUNE_DEFAULTS.learnClassLm, epochs, learningRate, trainNgrams, baseTraining: { ...DEFAULT_TRAINING, epochs: baseEpochs } };
const keepFiles = list('ADAPT_KEEP', []);
const kept = keepEarlierSources(
  { sources: sources.map((s) => s.source), modelHash: card.modelHash, settings },
  keepFiles.map((file) => ({ file, result: JSON.parse(readFileSync(file, 'utf8')) as AdaptResultFile })),
);
for (const { file, sources: from } of kept.from) log(`kept from ${file}: ${from.join(', ')}`);
// A run that only gathers parts took the parts' time, not its own: both are in the JSON (keptSeconds: the sum of
// the parts' wall seconds, though parts may have run at once).
const keptSeconds = kept.from.reduce((sum, g) => sum + g.seconds, 0);
const allBaselines = [...baselines, ...kept.baselines].sort((a, b) => a.source.localeCompare(b.source));
const allRuns = [...runs, ...kept.runs];
const allKs = [...new Set([...ks, ...kept.runs.map((r) => r.k)])].sort((a, b) => a - b);
const allStrategies = SAMPLE_STRATEGIES.filter((s) => strategies.includes(s) || kept.runs.some((r) => r.strategy === s));

// The curve and the targets are those of the default replay ratio; other ratios are reported beside it.
const curveRuns = allRuns.filter((r) => r.replayRatio === FINE_TUNE_DEFAULTS.replayRatio && r.learnClassLm === FINE_TUNE_DEFAULTS.learnClassLm);
const result = curves(allBaselines, curveRuns, allStrategies, allKs);
const targets = checkTargets(allBaselines, curveRuns, allStrategies);
const table = formatAdaptTable(result, allKs, allStrategies, allBaselines);
const byRatio = ratios.length > 1 ? ratios.map((ratio) => ({ replayRatio: ratio, ...curves(baselines, runs.filter((r) => r.replayRatio === ratio && r.learnClassLm === FINE_TUNE_DEFAULTS.learnClassLm), strategies, ks) })) : undefined;
const byLearnClassLm = learnLm.length > 1 ? learnLm.map((learn) => ({ learnClassLm: learn, ...curves(baselines, runs.filter((r) => r.learnClassLm === learn && r.replayRatio === FINE_TUNE_DEFAULTS.replayRatio), strategies, ks) })) : undefined;
const file = process.env.ADAPT_OUT ?? (quick ? join(tmp, 'adapt.quick.json') : join(root, 'bench', 'results', 'adapt.json'));
mkdirSync(join(file, '..'), { recursive: true });
const allSources = allBaselines.length === data.sources.length;
const tunedSources = new Set(curveRuns.map((r) => r.source));
const k0Only = allBaselines.filter((b) => !tunedSources.has(b.source)).map((b) => b.source);
const note =
  `${allSources ? 'Each source of the default recipe' : `${allBaselines.length} of the default recipe's ${data.sources.length} sources (${allBaselines.map((s) => s.source).join(', ')})`} held out in turn: ` +
  `a base trained without it (k = 0), then k labeled documents of it (k/2 per label, drawn by each strategy ` +
  `from its documents the base never saw) and train --base (${epochs} epochs at learning rate ${learningRate}, replay ratio ${FINE_TUNE_DEFAULTS.replayRatio}, ` +
  `new documents counted ${learnLm.join(' or ')} times in the class LMs). ` +
  `${poolMix === 'test' ? "DIAGNOSTIC: drawn from the pool cut to the report-only documents' generator shares (ADAPT_POOL_MIX=test). " : ''}` +
  `AUROC on the source's report-only documents, and on the other sources' (forgetting). ${describeSeeds(allRuns, seeds).replace(/^s/, 'S')}; ${quick ? 'QUICK run: preliminary figures' : allSources ? 'full run' : 'run on part of the sources'}; model ${card.name}@${card.modelHash.slice(0, 12)}.` +
  (k0Only.length && tunedSources.size ? ` Measured at k = 0 only (no fine-tunes; not in the curves): ${k0Only.join(', ')}.` : '') +
  (kept.from.length ? ` Kept from earlier runs of the same model and settings: ${kept.from.map((g) => `${g.sources.join(', ')} (${g.createdAt.slice(0, 16)})`).join('; ')}.` : '');
writeFileSync(
  file,
  JSON.stringify(
    {
      ...runInfo(started, quick, card),
      data: { dir: dataDir(), cardMismatches: data.cardMismatches, sources: allBaselines.map((b) => ({ source: b.source, pool: b.pool })) },
      settings,
      ...(kept.from.length ? { kept: kept.from, keptSeconds } : {}),
      note,
      targets,
      baselines: allBaselines,
      curves: result,
      ...(byRatio ? { byReplayRatio: byRatio } : {}),
      ...(byLearnClassLm ? { byLearnClassLm } : {}),
      runs: allRuns,
      table,
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(file.replace(/\.json$/, '.html'), renderAdaptPage(result, allKs, allStrategies, note));
console.log(table);
console.log(`\ntargets: ${JSON.stringify(targets, null, 2)}`);
console.log(`\nwritten to ${file} (and .html) in ${((Date.now() - started) / 60000).toFixed(1)} min`);

function signedDelta(x: number | null, base: number | null): string {
  if (x === null || base === null) return 'n/a';
  const d = x - base;
  return `${d >= 0 ? '+' : ''}${d.toFixed(3)}`;
}
