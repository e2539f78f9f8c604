import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { CrawlsiftError } from '../errors.js';
import { MANIFEST_FILE, type Manifest } from '../pipeline/manifest.js';
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

/** Reads `manifest.json` of a finished run; a clear error when it is missing or not a manifest. */
export async function readManifest(outDir: string): Promise<Manifest> {
  const path = join(outDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CrawlsiftError('manifest-missing', `cannot read ${path}: is ${outDir} the --out directory of a finished run? (${(error as Error).message})`, { cause: error });
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (error) {
    throw new CrawlsiftError('manifest-invalid', `${path} is not JSON: ${(error as Error).message}`);
  }
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.counts !== 'object' || typeof manifest.shards !== 'object') {
    throw new CrawlsiftError('manifest-invalid', `${path} lacks counts and shards: not a crawlsift manifest`);
  }
  return manifest;
}

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

/** Streams the routed shards listed in the manifest: memory stays flat whatever their size. */
export async function readRunSummary(outDir: string): Promise<RunSummary> {
  const manifest = await readManifest(outDir);
  const histograms = Object.fromEntries(ROUTES.map((r) => [r, new Array<number>(HISTOGRAM_BINS).fill(0)])) as Record<Route, number[]>;
  const bySource = new Map<string, SourceCounts>();
  for (const route of ROUTES) {
    for (const part of manifest.shards[route] ?? []) {
      const path = join(outDir, part);
      const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
      let lineNo = 0;
      for await (const line of lines) {
        lineNo++;
        if (line === '') continue;
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(line) as Record<string, unknown>;
        } catch (error) {
          throw new CrawlsiftError('shard-invalid', `${path}:${lineNo}: not JSON (${(error as Error).message})`);
        }
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
