// Merge equals one pass, exactly: the sketch of a corpus measured document by document equals the
// merge of the sketches of any partition of it, merged in any order and grouping. Small limits make
// the tail sample shift and the distinct sets turn into HyperLogLog registers inside the corpus.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusSketchBuilder, mergeCorpusSketches, type CorpusSketch, type SketchLimits } from '../../src/diversity/corpus-sketch.js';
import type { DocumentMeasure } from '../../src/diversity/document-measure.js';
import { diversityFigures } from '../../src/diversity/figures.js';
import { referenceHead } from '../../src/diversity/reference-head.js';
import { mulberry32 } from '../../src/random.js';
import { measureUnderTinyLm, TEST_LM_ID } from './helpers.js';

const head = referenceHead();
const common = head.words.slice(1, 300);

/** A word: a frequent listed one, a made-up one (a tail type), or a number. */
const word = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...common) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z]{2,6}$/) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 999 }).map(String) },
);
const document = fc.array(word, { maxLength: 70 }).map((words) => words.join(' '));
const limits = fc.record({ tailCapacity: fc.constantFrom(2, 8, 64, 1 << 15), exactDistinct: fc.constantFrom(4, 32, 4096) });

function sketchOf(measures: readonly DocumentMeasure[], l: SketchLimits, sampleEvery = 1, builder = new CorpusSketchBuilder(TEST_LM_ID, l, sampleEvery)): CorpusSketch {
  for (const m of measures) builder.add(m);
  return builder.sketch();
}

/** Merges `sketches` in a random bracketing (seeded). */
function mergeAnyhow(sketches: CorpusSketch[], random: () => number): CorpusSketch {
  if (sketches.length === 1) return sketches[0]!;
  const cut = 1 + Math.floor(random() * (sketches.length - 1));
  return mergeCorpusSketches(mergeAnyhow(sketches.slice(0, cut), random), mergeAnyhow(sketches.slice(cut), random));
}

describe('merging corpus sketches', () => {
  it('gives exactly the one-pass sketch for any partition, order and grouping', () => {
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 40 }), limits, fc.constantFrom(1, 3), fc.integer(), (texts, l, sampleEvery, seed) => {
        // A measure's arrays are views of buffers the next measure reuses: copy them (as a sketch builder reads them at once).
        const measures = texts.map((t) => structuredClone(measureUnderTinyLm(t, sampleEvery)));
        const onePass = sketchOf(measures, l, sampleEvery);
        const random = mulberry32(seed);
        // Random parts (each a run of documents), in a random order, merged in a random bracketing.
        const parts: CorpusSketch[] = [];
        for (let start = 0; start < measures.length; ) {
          const end = start + 1 + Math.floor(random() * 6);
          parts.push(sketchOf(measures.slice(start, end), l, sampleEvery));
          start = end;
        }
        for (let i = parts.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [parts[i], parts[j]] = [parts[j]!, parts[i]!];
        }
        const merged = mergeAnyhow(parts, random);
        expect(merged).toEqual(onePass);
        expect(diversityFigures(merged)).toEqual(diversityFigures(onePass));
      }),
      { numRuns: 100, seed: 18 },
    );
  });

  it('a builder reset after one corpus sketches the next as a new builder does', () => {
    fc.assert(
      fc.property(fc.array(document, { maxLength: 30 }), fc.array(document, { maxLength: 30 }), limits, (first, second, l) => {
        const builder = new CorpusSketchBuilder(TEST_LM_ID, l);
        sketchOf(first.map((t) => structuredClone(measureUnderTinyLm(t))), l, 1, builder);
        builder.reset();
        const measures = second.map((t) => structuredClone(measureUnderTinyLm(t)));
        expect(sketchOf(measures, l, 1, builder)).toEqual(sketchOf(measures, l));
      }),
      { numRuns: 60, seed: 19 },
    );
  });

  it('exercises what it claims to: the tail sample shifts and distinct sets become registers', () => {
    const letters = (n: number) => Array.from(n.toString(26), (c) => String.fromCharCode(97 + parseInt(c, 26))).join('');
    const texts = Array.from({ length: 30 }, (_, d) => Array.from({ length: 40 }, (_, i) => `zq${letters(d)}x${letters(i)}`).join(' '));
    const builder = new CorpusSketchBuilder(TEST_LM_ID, { tailCapacity: 8, exactDistinct: 4 });
    for (const t of texts) builder.add(measureUnderTinyLm(t));
    const s = builder.sketch();
    expect(s.wordCounts.tailShift).toBeGreaterThan(0);
    expect(s.wordCounts.tailKey.length).toBeLessThanOrEqual(8);
    expect(s.bigrams.kind).toBe('hll');
  });
});
