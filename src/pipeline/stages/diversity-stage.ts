import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import type { FeatureReading } from '../../features/reading.js';
import { corpusMeasurer, type CorpusMeasurer } from '../../diversity/corpus-measurer.js';
import { CorpusSketchSchema, mergeCorpusSketches, type CorpusSketch } from '../../diversity/corpus-sketch.js';
import { DiversityFiguresSchema, diversityFigures } from '../../diversity/figures.js';
import type { CorpusSketchBuilder } from '../../diversity/corpus-sketch.js';
import { STAGE_SAMPLE_EVERY } from '../../diversity/sampling.js';
import { SHARDS, type ShardName } from '../../routing/shards.js';
import type { ExitedDocument, StageDefinition, StageSummary } from '../stage.js';

/** Milliseconds of measuring between two turns of the thread's event loop. */
const YIELD_AFTER_MS = 5;

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
 * documents have all left the pipeline, it measures one in `STAGE_SAMPLE_EVERY` (chosen by a hash of
 * its text: `isSampled`; every document counts towards `documents` and the lengths) into its shard's
 * sketch, from what the detector's features read of it (the score stage's `reading` note: its
 * words, reference-LM log-probabilities and compression estimate are not computed twice) or, for a
 * document that was not scored, from its text. A batch's sketches (tens of kilobytes) are its sidecar, not its record (see
 * `StageSummary.fromSidecar`); they merge exactly across batches, threads and queue workers, and the
 * manifest shows their figures under `diversity`. Off with `--no-diversity`.
 */
export const diversityStage: StageDefinition = {
  name: 'diversity',
  enabled: (settings) => settings.diversity,
  create() {
    let measurer: CorpusMeasurer | undefined;
    // One builder per shard, reset after each batch: a batch allocates no tables. Batches processed
    // in the calling thread (InlineBatchRunner) can overlap at the yields below: one that finds the
    // builders in use measures into builders of its own.
    const shared = new Map<ShardName, CorpusSketchBuilder>();
    let sharedInUse = false;
    return {
      process: (docs) => docs.map(() => ({ action: 'keep' })),
      async sidecar(exits) {
        const owns = !sharedInUse;
        const builders = owns ? shared : new Map<ShardName, CorpusSketchBuilder>();
        sharedInUse = true;
        try {
          return await measureInto(builders, exits);
        } finally {
          if (owns) sharedInUse = false;
        }
      },
    };

    async function measureInto(builders: Map<ShardName, CorpusSketchBuilder>, exits: readonly ExitedDocument[]): Promise<Uint8Array> {
      measurer ??= corpusMeasurer({ sampleEvery: STAGE_SAMPLE_EVERY });
      let turn = performance.now();
      for (const { document, shard, notes } of exits) {
        // A batch processed in the calling thread shares it (with a producer's heartbeat, say): let it run.
        if (performance.now() - turn > YIELD_AFTER_MS) {
          await new Promise(setImmediate);
          turn = performance.now();
        }
        let builder = builders.get(shard);
        if (!builder) builders.set(shard, (builder = measurer.builder()));
        builder.add(measurer.measure(document.text, notes.reading as FeatureReading | undefined, notes.sampled as boolean | undefined));
      }
      const out: ShardSketches = {};
      for (const shard of SHARDS) {
        const builder = builders.get(shard);
        if (!builder || builder.documents === 0) continue;
        out[shard] = builder.sketch() satisfies CorpusSketch;
        builder.reset();
      }
      return serialize(out);
    }
  },
  summary: diversitySummary,
};
