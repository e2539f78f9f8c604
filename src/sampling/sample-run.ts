import { readManifestFile, type Manifest } from '../pipeline/manifest.js';
import { routedRecords, sourceKey } from '../report/read-run.js';
import { randomKey } from './sample-keys.js';
import { createSampler, type Candidate, type SampleStrategy, type SamplerOptions } from './strategies.js';

/** One line of a sample file: what `crawlsift label` shows and fills in, and what `train`/`tune` read. */
export interface SampleRecord {
  id: string;
  text: string;
  /** The record's `source`, else its URL's host, else the input file. */
  source: string;
  /** The run's score (calibrated probability of machine text, 0..1) and the shard it went to. */
  score: number;
  route: string;
  /** Filled in by `crawlsift label`: human, synthetic, or null (not labeled yet, or unsure). */
  label: null;
  /** `train` or `holdout` with `--holdout`: what the document is for (see LabeledSplit). */
  split?: 'train' | 'holdout';
  /** Stratified samples: the stratum (`route:bin`, bins of width 1/bins) and how many run documents it stands for. */
  stratum?: string;
  weight?: number;
  /** Where the run read it: the input file and line, offset or index (`metadata.crawlsift.source`). */
  origin: unknown;
}

export interface SampleRunOptions extends Omit<SamplerOptions, 'thresholds'> {
  strategy: SampleStrategy;
  /** Fraction (0..1) of the sample marked `split: holdout`, the rest `split: train`; 0 writes no split. @defaultValue 0 */
  holdout?: number;
  /** Hears of the most documents the sampler held at once (tests check the memory bound with it). */
  onHeld?: (held: number) => void;
}

export interface SampleRunResult {
  records: SampleRecord[];
  manifest: Manifest;
  /** Routed documents read, and those passed over (no score, or no text in the run's text field). */
  read: number;
  passedOver: number;
}

interface RunDocument extends Candidate {
  id: string;
  text: string;
  origin: unknown;
}

/**
 * Draws a sample for labeling from the routed shards of the finished run in `outDir`, reading them
 * once with bounded memory (see createSampler). The same run, options and seed give the same sample.
 */
export async function sampleRun(outDir: string, options: SampleRunOptions): Promise<SampleRunResult> {
  const manifest = await readManifestFile(outDir);
  const sampler = createSampler<RunDocument>(options.strategy, { ...options, thresholds: manifest.thresholds });
  const textField = manifest.textField ?? 'text';
  let read = 0;
  let passedOver = 0;
  let held = 0;
  for await (const { route, record } of routedRecords(outDir, manifest)) {
    read++;
    const doc = runDocument(record, route, textField);
    if (!doc) {
      passedOver++;
      continue;
    }
    sampler.offer(doc);
    held = Math.max(held, sampler.held);
  }
  options.onHeld?.(held);
  const drawn = sampler.finish();
  const holdout = holdoutIdentities(drawn.map((d) => d.doc.identity), options.holdout ?? 0, options.seed);
  const records = drawn.map(({ doc, stratum, weight }): SampleRecord => ({
    id: doc.id,
    text: doc.text,
    source: doc.source,
    score: doc.score,
    route: doc.route,
    label: null,
    ...(holdout ? { split: holdout.has(doc.identity) ? 'holdout' : 'train' } : {}),
    ...(stratum !== undefined ? { stratum, weight } : {}),
    origin: doc.origin,
  }));
  return { records, manifest, read, passedOver };
}

/** A routed record as the sampler sees it; undefined when it has no score or no text. */
function runDocument(record: Record<string, unknown>, route: string, textField: string): RunDocument | undefined {
  const crawlsift = (record.metadata as { crawlsift?: Record<string, unknown> } | undefined)?.crawlsift;
  const score = crawlsift?.score;
  // WARC/WET documents keep their text in `text` whatever --text-field said.
  const text = typeof record[textField] === 'string' ? record[textField] : record.text;
  if (typeof score !== 'number' || typeof text !== 'string') return undefined;
  const id = typeof crawlsift?.id === 'string' ? crawlsift.id : String(record.id);
  const origin = crawlsift?.source;
  return { id, text, score, route, source: sourceKey(record), origin, identity: `${id}\u0000${JSON.stringify(origin ?? null)}` };
}

/** The identities of the `fraction` of a sample held out, by a second seeded key; undefined for none. */
function holdoutIdentities(identities: readonly string[], fraction: number, seed: number): Set<string> | undefined {
  if (fraction <= 0) return undefined;
  const count = Math.round(fraction * identities.length);
  const order = [...identities].sort((a, b) => randomKey(seed + 1, a) - randomKey(seed + 1, b));
  return new Set(order.slice(0, count));
}
