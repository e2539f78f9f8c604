import { join } from 'node:path';
import { ByteMeter } from '../documents/byte-meter.js';
import { readLines, type Line } from '../documents/line-reader.js';
import { openInput } from '../documents/open-input.js';
import { CrawlsiftError } from '../errors.js';
import { MANIFEST_FILE, readManifestFile, type Manifest } from '../pipeline/manifest.js';
import { ROUTES, type Route } from '../routing/index.js';

/** Bins of the per-shard score histograms (width 0.05). */
export const HISTOGRAM_BINS = 20;

/** Documents per source and shard. */
export type SourceCounts = Record<Route, number>;

/** What a report needs from an output directory, gathered in one streaming pass. */
export interface RunSummary {
  manifest: Manifest;
  /** Score histogram (HISTOGRAM_BINS bins over 0..1) of each routed shard. */
  histograms: Record<Route, number[]>;
  /** Per source: the record's `source` field, else the URL's host, else the input file. */
  bySource: Map<string, SourceCounts>;
}

/** Reads `manifest.json` of a finished run through its schema; a clear error when it is missing or not a manifest. */
export const readManifest = readManifestFile;

/** The key a routed record is grouped under in the per-source table. */
export function sourceKey(record: Record<string, unknown>): string {
  if (typeof record.source === 'string' && record.source !== '') return record.source;
  if (typeof record.url === 'string') {
    try {
      return new URL(record.url).host || record.url;
    } catch {
      // not a URL: fall through to the input file
    }
  }
  const crawlsift = (record.metadata as { crawlsift?: { source?: { file?: string } } } | undefined)?.crawlsift;
  return crawlsift?.source?.file ?? '(unknown)';
}

/**
 * Streams the routed shards listed in the manifest: memory stays flat whatever their size. Pass
 * `manifest` when it was already read with {@link readManifest}. A shard that is missing, cannot
 * be read or is not whole gzip (truncated, damaged) is an error naming it (`shard-unreadable`,
 * exit 2); a line that is not JSON is `shard-invalid`.
 */
export async function readRunSummary(outDir: string, manifest?: Manifest): Promise<RunSummary> {
  manifest ??= await readManifest(outDir);
  const histograms = Object.fromEntries(ROUTES.map((r) => [r, new Array<number>(HISTOGRAM_BINS).fill(0)])) as Record<Route, number[]>;
  const bySource = new Map<string, SourceCounts>();
  for (const route of ROUTES) {
    for (const part of manifest.shards[route] ?? []) {
      const path = join(outDir, part);
      for await (const record of shardRecords(path)) {
        const score = (record.metadata as { crawlsift?: { score?: unknown } } | undefined)?.crawlsift?.score;
        if (typeof score === 'number' && score >= 0 && score <= 1) histograms[route][Math.min(HISTOGRAM_BINS - 1, Math.floor(score * HISTOGRAM_BINS))]! += 1;
        const key = sourceKey(record);
        const counts = bySource.get(key) ?? { human: 0, synthetic: 0, uncertain: 0 };
        counts[route] += 1;
        bySource.set(key, counts);
      }
    }
  }
  return { manifest, histograms, bySource };
}

/**
 * The records of one shard file (gzip JSONL, members read one after another), through the readers'
 * own opener and line splitter so that every failure (open, read, gzip data) surfaces here, as an
 * error naming the file, instead of as an unhandled stream 'error' event.
 */
async function* shardRecords(path: string): AsyncGenerator<Record<string, unknown>> {
  const unreadable = (error: unknown) => {
    const cause = error instanceof CrawlsiftError && error.cause instanceof Error ? error.cause : (error as Error);
    const why = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? `it is missing (the run's ${MANIFEST_FILE} lists it)` : cause.message;
    return new CrawlsiftError('shard-unreadable', `cannot read shard ${path}: ${why}`, { cause: error });
  };
  let lines: AsyncGenerator<Line>;
  try {
    const opened = await openInput(path, { decompress: true, meter: new ByteMeter() });
    // No line limit: a shard line is a record this project wrote, already bounded by --max-doc-bytes.
    lines = readLines(opened.bytes, Infinity);
  } catch (error) {
    throw unreadable(error);
  }
  try {
    for (;;) {
      let next: IteratorResult<Line>;
      try {
        next = await lines.next();
      } catch (error) {
        throw unreadable(error);
      }
      if (next.done) return;
      const line = next.value.bytes!.toString('utf8');
      if (line.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        throw new CrawlsiftError('shard-invalid', `${path}:${next.value.number}: not JSON (${(error as Error).message})`);
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        throw new CrawlsiftError('shard-invalid', `${path}:${next.value.number}: not a JSON object`);
      }
      yield record as Record<string, unknown>;
    }
  } finally {
    // Closes the file when reading stops early (a bad line, a consumer that breaks off).
    await lines.return(undefined);
  }
}
