import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import { corpusMeasurer, type CorpusMeasurer } from '../../diversity/corpus-measurer.js';
import { CorpusSketchSchema, mergeCorpusSketches, type CorpusSketch } from '../../diversity/corpus-sketch.js';
import { DiversityFiguresSchema, diversityFigures } from '../../diversity/figures.js';
import type { CorpusSketchBuilder } from '../../diversity/corpus-sketch.js';
import { SHARDS, type ShardName } from '../shards.js';
import type { StageDefinition, StageSummary } from '../stage.js';

/**
 * The stage measures one document in this many (chosen by a hash of its text, so every executor picks
 * the same); every document counts towards `documents` and the length distribution. Measuring every
 * document added about 45% to filter's CPU time on the pipeline bench, one in 8 about 10-17% (CPU) and
 * 5% (wall): see docs/diversity.md. `crawlsift stats --sample-every 8` gives the same figures.
 */
export const STAGE_SAMPLE_EVERY = 8;

/** Documents measured between two turns of the thread's event loop (a few milliseconds' work). */
const YIELD_EVERY = 4;

/** Sketches of the documents each shard got (shards without documents absent). */
const ShardSketchesSchema = z.partialRecord(z.enum(SHARDS), CorpusSketchSchema);
type ShardSketches = z.infer<typeof ShardSketchesSchema>;

/** The manifest's `diversity`: the figures of each shard that got documents, in shard order. */
export const DiversityManifestSchema = z.partialRecord(z.enum(SHARDS), DiversityFiguresSchema);

const diversitySummary: StageSummary<ShardSketches, z.infer<typeof DiversityManifestSchema>> = {
  schema: ShardSketchesSchema,
  merge(a, b) {
    const out: ShardSketches = {};
    for (const shard of SHARDS) {
      const x = a[shard];
      const y = b[shard];
      if (x && y) out[shard] = mergeCorpusSketches(x, y);
      else if (x || y) out[shard] = (x ?? y)!;
    }
    return out;
  },
  manifestKey: 'diversity',
  toManifest: (sketches) => Object.fromEntries(SHARDS.flatMap((shard) => (sketches[shard] ? [[shard, diversityFigures(sketches[shard])]] : []))),
  manifestSchema: DiversityManifestSchema,
  // v8 serialisation keeps the sketches' typed arrays; the schema checks them when they merge.
  fromSidecar: (bytes) => deserialize(bytes) as ShardSketches,
};

/**
 * Measures the corpus health of every shard (docs/diversity.md): routes nothing; once a batch's
 * documents have all left the pipeline, it measures each (`measureDocument`) into its shard's sketch.
 * A batch's sketches (tens of kilobytes) are its sidecar, not its record (see
 * `StageSummary.fromSidecar`); they merge exactly across batches, threads and queue workers, and the
 * manifest shows their figures under `diversity`. Off with `--no-diversity`.
 */
export const diversityStage: StageDefinition = {
  name: 'diversity',
  enabled: (settings) => settings.diversity,
  create() {
    let measurer: CorpusMeasurer | undefined;
    return {
      process: (docs) => docs.map(() => ({ action: 'keep' })),
      async sidecar(exits) {
        measurer ??= corpusMeasurer({ sampleEvery: STAGE_SAMPLE_EVERY });
        const builders = new Map<ShardName, CorpusSketchBuilder>();
        for (const [i, { document, shard }] of exits.entries()) {
          // A batch processed in the calling thread shares it (with a producer's heartbeat, say): let it run.
          if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise(setImmediate);
          let builder = builders.get(shard);
          if (!builder) builders.set(shard, (builder = measurer.builder()));
          builder.add(measurer.measure(document.text));
        }
        const out: ShardSketches = {};
        for (const shard of SHARDS) {
          const builder = builders.get(shard);
          if (builder) out[shard] = builder.sketch() satisfies CorpusSketch;
        }
        return serialize(out);
      },
    };
  },
  summary: diversitySummary,
};
