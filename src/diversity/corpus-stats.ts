import { readInputs, resolveInputs, type ResolveOptions } from '../documents/index.js';
import type { ReaderOptions } from '../documents/types.js';
import { BootstrapReplicates, DEFAULT_BOOTSTRAP, type BootstrapOptions } from './bootstrap.js';
import { corpusMeasurer, type CorpusMeasurer } from './corpus-measurer.js';
import { DEFAULT_SKETCH_LIMITS, type CorpusSketch } from './corpus-sketch.js';
import { diversityFigures, type DiversityFigures } from './figures.js';

/** A corpus's statistics, as `crawlsift stats` measures them: its figures and, with a bootstrap, its replicates'. */
export interface CorpusStats {
  /** The input files, as resolved. */
  inputs: string[];
  /** Records the readers rejected (not measured). */
  rejected: number;
  sketch: CorpusSketch;
  figures: DiversityFigures;
  /** The bootstrap replicates' figures (none with 0 replicates). */
  replicates: DiversityFigures[];
}

/** How far a corpus's reading has got. */
export interface StatsProgress {
  /** Records read so far (documents and rejected). */
  read: number;
  bytes: number;
  totalBytes?: number;
}

export interface CorpusStatsOptions {
  reader?: Partial<ReaderOptions>;
  /** Measure one document in this many, chosen by a hash of its text, as filter's diversity stage does. @defaultValue 1 (every document) */
  sampleEvery?: number;
  /** Replicates 0 for no intervals. @defaultValue {@link DEFAULT_BOOTSTRAP} */
  bootstrap?: BootstrapOptions;
  onProgress?: (progress: StatsProgress) => void;
  onSkippedInputs?: ResolveOptions['onSkipped'];
  /** The measurer to use (tests pass one with a tiny LM). @defaultValue the shipped reference LM's */
  measurer?: CorpusMeasurer;
}

/**
 * Reads every document of `inputs` (any input `filter` reads) and measures the corpus in one
 * streaming pass, as the diversity stage measures a shard: memory bounded by the sketch and the
 * bootstrap's replicates, whatever the corpus's size.
 */
export async function measureCorpus(inputs: string[], options: CorpusStatsOptions = {}): Promise<CorpusStats> {
  const files = await resolveInputs(inputs, { onSkipped: options.onSkippedInputs });
  const measurer = options.measurer ?? corpusMeasurer({ sampleEvery: options.sampleEvery });
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const builder = measurer.builder();
  const replicates = bootstrap.replicates > 0 ? new BootstrapReplicates(bootstrap, DEFAULT_SKETCH_LIMITS.tailCapacity, DEFAULT_SKETCH_LIMITS.exactDistinct) : undefined;
  const totalBytes = files.every((f) => f.size !== undefined) ? files.reduce((sum, f) => sum + (f.size ?? 0), 0) : undefined;
  let read = 0;
  let bytes = 0;
  let rejected = 0;
  const report = () => options.onProgress?.({ read, bytes, totalBytes });
  for await (const item of readInputs(files, { ...options.reader, onBytes: (n) => (bytes += n) })) {
    read += 1;
    if (item.kind === 'rejected') rejected += 1;
    else {
      const m = measurer.measure(item.document.text);
      builder.add(m);
      replicates?.add(m);
    }
    if (read % 256 === 0) report();
  }
  report();
  const sketch = builder.sketch();
  return { inputs: files.map((f) => f.path), rejected, sketch, figures: diversityFigures(sketch), replicates: replicates?.figures(sketch) ?? [] };
}
