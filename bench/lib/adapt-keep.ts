/**
 * Earlier bench:adapt results kept beside a run's own (ADAPT_KEEP): the sources this run did not
 * hold out, taken from results files of the same model and the same fine-tune and base settings,
 * each kept baseline marked with its run's date. A full run over every source takes hours on this
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
}

/** Settings that must be the same for figures of two runs to stand in one table. */
export const KEPT_SETTINGS = ['poolMix', 'epochs', 'learningRate', 'trainNgrams', 'baseTraining', 'defaultReplayRatio', 'defaultLearnClassLm'] as const;

export interface Kept {
  baselines: SourceBaseline[];
  runs: AdaptRun[];
  /** Which file gave which sources, and how long that file's run took. */
  from: Array<{ file: string; createdAt: string; seconds: number; sources: string[] }>;
}

/**
 * The baselines and fine-tune runs of every source that is not in `own.sources`, from `earlier`.
 * A source found in several files is taken whole from the one with the most runs of it (the
 * first on a tie), never mixed. Throws when a file is of another model or other settings.
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
  const chosen = new Map<string, { file: string; result: AdaptResultFile; runs: number }>();
  for (const entry of earlier) {
    for (const b of entry.result.baselines) {
      if (mine.has(b.source)) continue;
      const runs = entry.result.runs.filter((r) => r.source === b.source).length;
      const before = chosen.get(b.source);
      if (!before || runs > before.runs) chosen.set(b.source, { ...entry, runs });
    }
  }
  const kept: Kept = { baselines: [], runs: [], from: [] };
  for (const [source, { file, result }] of [...chosen].sort(([a], [b]) => a.localeCompare(b))) {
    const baseline = result.baselines.find((b) => b.source === source)!;
    kept.baselines.push({ ...baseline, keptFrom: baseline.keptFrom ?? result.createdAt });
    kept.runs.push(...result.runs.filter((r) => r.source === source));
    let group = kept.from.find((g) => g.file === file);
    if (!group) kept.from.push((group = { file, createdAt: result.createdAt, seconds: result.seconds, sources: [] }));
    group.sources.push(source);
  }
  return kept;
}
