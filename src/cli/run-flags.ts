import { z } from 'zod';
import { CanarySource } from '../canaries/canary-source.js';
import { readLabeledDocs } from '../canaries/labeled-docs.js';
import type { BackendPreference } from '../classifier/backend-name.js';
import { readVerifiedModel } from '../classifier/verified-model.js';
import { DEDUP_MODES, DEFAULT_DEDUP, MAX_SIGNATURE_VALUES, type DedupSettings } from '../dedup/dedup-settings.js';
import type { ReaderOptions } from '../documents/types.js';
import { UsageError } from '../errors.js';
import { defaultModelDir } from '../paths.js';
import type { Manifest } from '../pipeline/manifest.js';
import { formatCanarySummary } from '../report/canary-summary.js';
import { readThresholdsFile } from '../report/thresholds-file.js';
import { resolveThresholds, type ModelRef, type Thresholds } from '../routing/index.js';
import { ScopeSettingsSchema, type ScopeSettings } from '../scope/options.js';
import type { OptionSpecs } from './command.js';
import { notePassedOver } from './labeled-note.js';
import { backendFlag, byteSizeFlag, choiceFlag, numberFlag, switchFlag, textFlag } from './flag-schema.js';
import { formatSummary } from './summary-table.js';
import { checkThresholdsModel } from './thresholds-model.js';

/** Flags of every command that routes documents into shards: `filter` (either executor) and `produce`; {@link RUN_FLAGS} says what they hold. */
export const RUN_OPTIONS: OptionSpecs = {
  out: { type: 'string', short: 'o' },
  overwrite: { type: 'boolean' },
  model: { type: 'string' },
  backend: { type: 'string' },
  low: { type: 'string' },
  high: { type: 'string' },
  thresholds: { type: 'string' },
  'text-field': { type: 'string' },
  'id-field': { type: 'string' },
  'max-doc-bytes': { type: 'string' },
  'shard-size': { type: 'string' },
  canaries: { type: 'string' },
  'canary-rate': { type: 'string' },
  'canary-seed': { type: 'string' },
  languages: { type: 'string' },
  'min-words': { type: 'string' },
  dedup: { type: 'string' },
  'dedup-shingle': { type: 'string' },
  'dedup-bands': { type: 'string' },
  'dedup-rows': { type: 'string' },
  'dedup-threshold': { type: 'string' },
  json: { type: 'boolean' },
  'no-diversity': { type: 'boolean' },
};

/** What {@link RUN_OPTIONS} must hold. */
export const RUN_FLAGS = {
  out: textFlag(),
  overwrite: switchFlag(),
  model: textFlag(),
  backend: backendFlag(),
  low: numberFlag({ min: 0, max: 1 }),
  high: numberFlag({ min: 0, max: 1 }),
  thresholds: textFlag(),
  'text-field': textFlag(),
  'id-field': textFlag(),
  'max-doc-bytes': byteSizeFlag(),
  'shard-size': byteSizeFlag(),
  canaries: textFlag(),
  // Any rate above 0 works (above 1, several canaries follow each crawl document); 0 would mix in
  // none, which is a run without --canaries.
  'canary-rate': numberFlag({ above: 0, meaning: 'canaries per crawl document, e.g. 0.01; leave out --canaries to run without canaries' }),
  'canary-seed': numberFlag({ integer: true, min: 0 }),
  languages: textFlag(),
  'min-words': numberFlag({ integer: true, min: 0 }),
  dedup: choiceFlag(DEDUP_MODES),
  'dedup-shingle': numberFlag({ integer: true, min: 1, max: 32 }),
  'dedup-bands': numberFlag({ integer: true, min: 1, max: 255 }),
  'dedup-rows': numberFlag({ integer: true, min: 1, max: 64 }),
  'dedup-threshold': numberFlag({ min: 0, max: 1, meaning: 'Jaccard similarity' }),
  json: switchFlag(),
  'no-diversity': switchFlag(),
};
const RunFlagsSchema = z.object(RUN_FLAGS);
export type RunFlags = z.infer<typeof RunFlagsSchema>;

export interface RunModel {
  modelDir: string;
  /** The model's identity (card and hash), read without tfjs. */
  model: ModelRef;
  thresholds: Thresholds;
  backend: BackendPreference;
  /** What the model judges: `--languages` and `--min-words` over the card's scope. */
  scope: ScopeSettings;
}

/** The scope of a card written before cards had one: English prose of a paragraph or more (README). */
export const FALLBACK_SCOPE: ScopeSettings = { languages: ['en'], minWords: 24 };

/** `--languages` (comma-separated ISO 639 codes) and `--min-words` over the card's scope. */
export function scopeFromFlags(flags: Pick<RunFlags, 'languages' | 'min-words'>, cardScope: ScopeSettings | undefined): ScopeSettings {
  const base = cardScope ?? FALLBACK_SCOPE;
  const languages = flags.languages === undefined ? base.languages : flags.languages.split(',').map((code) => code.trim()).filter(Boolean);
  const parsed = ScopeSettingsSchema.safeParse({ languages, minWords: flags['min-words'] ?? base.minWords });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--languages ${issue.message}${flags.languages === undefined ? ' (from the model card)' : ''}`);
  }
  return parsed.data;
}

/**
 * `--model`, `--backend`, `--thresholds`, `--low`, `--high`: the model and thresholds a run uses.
 * A thresholds file tuned with another model is refused (see checkThresholdsModel).
 */
export async function runModelFromFlags(flags: RunFlags): Promise<RunModel> {
  const modelDir = flags.model ?? defaultModelDir();
  const ref = await readVerifiedModel(modelDir);
  let fromFile: Thresholds | undefined;
  if (flags.thresholds) {
    const file = await readThresholdsFile(flags.thresholds);
    checkThresholdsModel(flags.thresholds, file.model, ref);
    fromFile = file.thresholds;
  }
  const thresholds = resolveThresholds(ref.thresholds, fromFile, { low: flags.low, high: flags.high });
  return { modelDir, model: { name: ref.name, hash: ref.hash }, thresholds, backend: flags.backend ?? 'auto', scope: scopeFromFlags(flags, ref.card.scope) };
}

/** `--text-field`, `--id-field`, `--max-doc-bytes`: only the ones given, so defaults merge under them. */
export function readerOptionsFromFlags(flags: Pick<RunFlags, 'text-field' | 'id-field' | 'max-doc-bytes'>): Partial<ReaderOptions> {
  return {
    ...(flags['text-field'] ? { textField: flags['text-field'] } : {}),
    ...(flags['id-field'] ? { idField: flags['id-field'] } : {}),
    ...(flags['max-doc-bytes'] !== undefined ? { maxDocBytes: flags['max-doc-bytes'] } : {}),
  };
}

/**
 * The end of a finished run, whichever executor: the manifest on stdout with `--json`, else the
 * summary table; exit 1 when more than `--max-rejected-fraction` of the records were rejected.
 */
export function reportFinishedRun(manifest: Manifest, outDir: string, options: { json: boolean; maxRejected: number | undefined }): number {
  const { maxRejected } = options;
  if (options.json) process.stdout.write(JSON.stringify(manifest, null, 2) + '\n');
  else process.stdout.write(formatSummary(manifest, outDir) + formatCanarySummary(manifest) + '\n');
  const rejectedFraction = manifest.counts.read > 0 ? manifest.counts.rejected / manifest.counts.read : 0;
  if (maxRejected !== undefined && rejectedFraction > maxRejected) {
    process.stderr.write(`crawlsift: ${(rejectedFraction * 100).toFixed(2)}% of records were rejected, above --max-rejected-fraction ${maxRejected}\n`);
    return 1;
  }
  return 0;
}

/** Flags shared by produce and `filter --redis`. */
export const PRODUCE_QUEUE_OPTIONS: OptionSpecs = {
  redis: { type: 'string' },
  queue: { type: 'string' },
  run: { type: 'string' },
  'batch-docs': { type: 'string' },
  'batch-bytes': { type: 'string' },
  'max-queued': { type: 'string' },
  attempts: { type: 'string' },
  'retry-delay': { type: 'string' },
};

/** What {@link PRODUCE_QUEUE_OPTIONS} must hold. */
export const PRODUCE_QUEUE_FLAGS = {
  redis: textFlag(),
  queue: textFlag(),
  run: textFlag(),
  'batch-docs': numberFlag({ integer: true, min: 1 }),
  'batch-bytes': byteSizeFlag(),
  'max-queued': numberFlag({ integer: true, min: 1 }),
  attempts: numberFlag({ integer: true, min: 1 }),
  'retry-delay': numberFlag({ integer: true, min: 0 }),
};

/** Flags `filter` takes for its `--redis` branch. */
export const FILTER_QUEUE_OPTIONS: OptionSpecs = { ...PRODUCE_QUEUE_OPTIONS, workers: { type: 'string' } };
/** What {@link FILTER_QUEUE_OPTIONS} must hold. */
export const FILTER_QUEUE_FLAGS = { ...PRODUCE_QUEUE_FLAGS, workers: numberFlag({ integer: true, min: 1 }) };

/** Every flag of `crawlsift filter`, on either executor ({@link runFilterOnQueue} takes them for `--redis`). */
export const FILTER_OPTIONS: OptionSpecs = {
  ...RUN_OPTIONS,
  threads: { type: 'string' },
  'max-rejected-fraction': { type: 'string' },
  ...FILTER_QUEUE_OPTIONS,
};
/** What {@link FILTER_OPTIONS} must hold. */
export const FilterFlagsSchema = z.object({
  ...RUN_FLAGS,
  threads: numberFlag({ integer: true, min: 1 }),
  'max-rejected-fraction': numberFlag({ min: 0, max: 1 }),
  ...FILTER_QUEUE_FLAGS,
});
export type FilterFlags = z.infer<typeof FilterFlagsSchema>;

/** `--canaries`, `--canary-rate`, `--canary-seed` (filter and produce); undefined without `--canaries`. */
export async function canariesFromFlags(flags: RunFlags): Promise<{ source: CanarySource; file: string; seed: number } | undefined> {
  const file = flags.canaries;
  if (file === undefined && (flags['canary-rate'] !== undefined || flags['canary-seed'] !== undefined)) {
    throw new UsageError('--canary-rate and --canary-seed need --canaries <labeled.jsonl>');
  }
  if (file === undefined) return undefined;
  const docs = await readLabeledDocs([file], notePassedOver);
  if (docs.length === 0) throw new UsageError(`--canaries ${file} holds no labeled documents`);
  const options = { rate: flags['canary-rate'] ?? 0.01, seed: flags['canary-seed'] ?? 1, file };
  return { source: new CanarySource(docs, options), file, seed: options.seed };
}

const NEAR_FLAGS = ['dedup-shingle', 'dedup-bands', 'dedup-rows', 'dedup-threshold'] as const;

/**
 * `--dedup off|exact|near` and the settings of `near` (`--dedup-shingle`, `--dedup-bands`,
 * `--dedup-rows`, `--dedup-threshold`); the settings without `--dedup near` are refused, not ignored.
 */
export function dedupFromFlags(flags: RunFlags): DedupSettings {
  const mode = flags.dedup ?? DEFAULT_DEDUP.mode;
  const given = NEAR_FLAGS.filter((flag) => flags[flag] !== undefined);
  if (given.length > 0 && mode !== 'near') throw new UsageError(`--${given[0]} needs --dedup near (it sets near-duplicate detection)`);
  const settings: DedupSettings = {
    mode,
    shingleWords: flags['dedup-shingle'] ?? DEFAULT_DEDUP.shingleWords,
    bands: flags['dedup-bands'] ?? DEFAULT_DEDUP.bands,
    rows: flags['dedup-rows'] ?? DEFAULT_DEDUP.rows,
    threshold: flags['dedup-threshold'] ?? DEFAULT_DEDUP.threshold,
  };
  if (settings.bands * settings.rows > MAX_SIGNATURE_VALUES) {
    throw new UsageError(`--dedup-bands x --dedup-rows must be at most ${MAX_SIGNATURE_VALUES} (signature values per document), got ${settings.bands} x ${settings.rows}`);
  }
  return settings;
}
