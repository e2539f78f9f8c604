/**
 * Earlier bench:adapt results kept beside a run's own (ADAPT_KEEP): the sources this run did not
 * hold out, taken from results files of the same model and the same fine-tune and base settings,
 * each kept baseline marked with its run's date; a source's runs may come from several files (its
 * seeds run as separate parts, say). A full run over every source takes hours on this
 * machine; this lets it be done in parts (several processes, or several sessions) and reported as
 * one. Pure: the caller reads the files.
 */
import type { AdaptRun, SourceBaseline } from './adapt-summary.js';

/** The part of a results file (bench/results/adapt.json) that keeping reads. */
export interface AdaptResultFile {
  createdAt: string;
  /** Wall seconds of that run. */
  seconds: number;
  model: { hash: string };
  settings: Record<string, unknown> & { strategies: string[]; ks: number[] };
  baselines: SourceBaseline[];
  runs: AdaptRun[];
  /** The parts a gathering run kept (its own `Kept.from`): where its kept sources were run, and how long each part took. */
  kept?: KeptPart[];
}

/** One earlier results file a run kept sources from. */
export interface KeptPart {
  file: string;
  createdAt: string;
  /** Wall seconds of that file's run. */
  seconds: number;
  sources: string[];
}

/** Settings that must be the same for figures of two runs to stand in one table. */
export const KEPT_SETTINGS = ['poolMix', 'epochs', 'learningRate', 'trainNgrams', 'baseTraining', 'defaultReplayRatio', 'defaultLearnClassLm'] as const;

export interface Kept {
  baselines: SourceBaseline[];
  runs: AdaptRun[];
  /**
   * Which run gave which sources, and how long it took: each file, or for a file that itself kept
   * sources from parts (a gathering run's), those parts, so that a result regathered with more parts
   * still names and times every part.
   */
  from: KeptPart[];
}

/** What identifies one fine-tune of a benchmark: the same in two files means the same run. */
const runKey = (r: AdaptRun) => JSON.stringify([r.source, r.strategy, r.k, r.seed, r.replayRatio, r.learnClassLm]);

/**
 * The baselines and fine-tune runs of every source that is not in `own.sources`, from `earlier`.
 * A source found in several files (its seeds run as separate parts, say) gets the union of their
 * runs, a run found twice taken from the first file; its baseline is the first file's, and must be
 * the same in every file (the same held-out base), or the runs would not stand on one k = 0.
 * Throws when a file is of another model or other settings, or when a source's baselines differ.
 */
export function keepEarlierSources(own: { sources: readonly string[]; modelHash: string; settings: Record<string, unknown> }, earlier: ReadonlyArray<{ file: string; result: AdaptResultFile }>): Kept {
  for (const { file, result } of earlier) {
    if (result.model.hash !== own.modelHash) throw new Error(`ADAPT_KEEP: ${file} is of model ${result.model.hash.slice(0, 12)}, this run of ${own.modelHash.slice(0, 12)}`);
    for (const key of KEPT_SETTINGS) {
      if (JSON.stringify(result.settings[key]) !== JSON.stringify(own.settings[key])) {
        throw new Error(`ADAPT_KEEP: ${file} has ${key} ${JSON.stringify(result.settings[key])}, this run ${JSON.stringify(own.settings[key])}`);
      }
    }
  }
  const mine = new Set(own.sources);
  const baselines = new Map<string, { baseline: SourceBaseline; file: string }>();
  const runs = new Map<string, AdaptRun>();
  const kept: Kept = { baselines: [], runs: [], from: [] };
  const credit = (file: string, result: AdaptResultFile, source: string) => {
    const parts = result.kept?.filter((g) => g.sources.includes(source));
    for (const part of parts?.length ? parts : [{ file, createdAt: result.createdAt, seconds: result.seconds }]) {
      let group = kept.from.find((g) => g.file === part.file && g.createdAt === part.createdAt);
      if (!group) kept.from.push((group = { file: part.file, createdAt: part.createdAt, seconds: part.seconds, sources: [] }));
      if (!group.sources.includes(source)) group.sources.push(source);
    }
  };
  for (const { file, result } of earlier) {
    for (const b of result.baselines) {
      if (mine.has(b.source)) continue;
      const first = baselines.get(b.source);
      if (first && (JSON.stringify(first.baseline.held) !== JSON.stringify(b.held) || JSON.stringify(first.baseline.others) !== JSON.stringify(b.others))) {
        throw new Error(`ADAPT_KEEP: ${b.source} has another k = 0 in ${file} (held-out AUROC ${b.held.auroc}) than in ${first.file} (${first.baseline.held.auroc}): not the same held-out base`);
      }
      if (!first) baselines.set(b.source, { baseline: { ...b, keptFrom: b.keptFrom ?? result.createdAt }, file });
      let added = 0;
      for (const r of result.runs) {
        if (r.source !== b.source || runs.has(runKey(r))) continue;
        runs.set(runKey(r), r);
        added += 1;
      }
      // Credited once, when the file gave this source something: its baseline, or runs no earlier file had.
      if (!first || added > 0) credit(file, result, b.source);
    }
  }
  kept.baselines = [...baselines.values()].map((b) => b.baseline).sort((a, b) => a.source.localeCompare(b.source));
  kept.runs = [...runs.values()].sort((a, b) => a.source.localeCompare(b.source));
  for (const group of kept.from) group.sources.sort();
  return kept;
}
