import { CanarySource } from '../canaries/canary-source.js';
import { readLabeledDocs } from '../canaries/labeled-docs.js';
import { readModelRef } from '../classifier/model-ref.js';
import type { ReaderOptions } from '../documents/types.js';
import { UsageError } from '../errors.js';
import { defaultModelDir } from '../paths.js';
import type { Manifest } from '../pipeline/manifest.js';
import type { ModelRef } from '../pipeline/pipeline-settings.js';
import { formatCanarySummary } from '../report/canary-summary.js';
import { readThresholdsFile, resolveThresholds, type Thresholds } from '../routing/index.js';
import type { OptionSpecs } from './command.js';
import { parseByteSize, parseNumberFlag } from './parse-number.js';
import { formatSummary } from './summary-table.js';
import { checkThresholdsModel } from './thresholds-model.js';

/** Flags of every command that routes documents into shards: `filter` (either executor) and `produce`. */
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
  json: { type: 'boolean' },
  'no-diversity': { type: 'boolean' },
};

const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface RunModel {
  modelDir: string;
  /** The model's identity (card and hash), read without tfjs. */
  model: ModelRef;
  thresholds: Thresholds;
  backend: string;
}

/**
 * `--model`, `--backend`, `--thresholds`, `--low`, `--high`: the model and thresholds a run uses.
 * A thresholds file tuned with another model is refused (see checkThresholdsModel).
 */
export async function runModelFromFlags(values: Record<string, unknown>): Promise<RunModel> {
  const backend = (values.backend as string | undefined) ?? 'auto';
  if (!BACKENDS.includes(backend)) throw new UsageError(`--backend must be ${BACKENDS.join(', ')}, got ${JSON.stringify(backend)}`);
  const modelDir = (values.model as string | undefined) ?? defaultModelDir();
  const ref = await readModelRef(modelDir);
  const fromFile = values.thresholds ? await readThresholdsFile(values.thresholds as string) : undefined;
  if (fromFile) await checkThresholdsModel(values.thresholds as string, ref);
  const thresholds = resolveThresholds(ref.thresholds, fromFile, {
    low: parseNumberFlag('low', values.low, { min: 0, max: 1 }),
    high: parseNumberFlag('high', values.high, { min: 0, max: 1 }),
  });
  return { modelDir, model: { name: ref.name, hash: ref.hash }, thresholds, backend };
}

/** `--text-field`, `--id-field`, `--max-doc-bytes`: only the ones given, so defaults merge under them. */
export function readerOptionsFromFlags(values: Record<string, unknown>): Partial<ReaderOptions> {
  return {
    ...(values['text-field'] ? { textField: values['text-field'] as string } : {}),
    ...(values['id-field'] ? { idField: values['id-field'] as string } : {}),
    ...(values['max-doc-bytes'] !== undefined ? { maxDocBytes: parseByteSize('max-doc-bytes', values['max-doc-bytes']) } : {}),
  };
}

/** `--max-rejected-fraction`, parsed before the run so a bad value fails at once. */
export function maxRejectedFromFlags(values: Record<string, unknown>): number | undefined {
  return parseNumberFlag('max-rejected-fraction', values['max-rejected-fraction'], { min: 0, max: 1 });
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

/** Flags `filter` takes for its `--redis` branch. */
export const FILTER_QUEUE_OPTIONS: OptionSpecs = { ...PRODUCE_QUEUE_OPTIONS, workers: { type: 'string' } };

/** `--canaries`, `--canary-rate`, `--canary-seed` (filter and produce); undefined without `--canaries`. */
export async function canariesFromFlags(values: Record<string, unknown>): Promise<{ source: CanarySource; file: string; seed: number } | undefined> {
  const file = values.canaries as string | undefined;
  if (file === undefined && (values['canary-rate'] !== undefined || values['canary-seed'] !== undefined)) {
    throw new UsageError('--canary-rate and --canary-seed need --canaries <labeled.jsonl>');
  }
  // Any rate above 0 works (above 1, several canaries follow each crawl document); 0 would mix in
  // none, which is a run without --canaries.
  const rate = parseNumberFlag('canary-rate', values['canary-rate'], {
    above: 0,
    meaning: 'canaries per crawl document, e.g. 0.01; leave out --canaries to run without canaries',
  });
  const seed = parseNumberFlag('canary-seed', values['canary-seed'], { integer: true, min: 0 });
  if (file === undefined) return undefined;
  const docs = await readLabeledDocs([file]);
  if (docs.length === 0) throw new UsageError(`--canaries ${file} holds no labeled documents`);
  const options = { rate: rate ?? 0.01, seed: seed ?? 1, file };
  return { source: new CanarySource(docs, options), file, seed: options.seed };
}
