// The diversity stage measures a scored document from what the detector's features read of it (the
// score stage's `reading` note) instead of reading its text again: that must change nothing. On
// fixture documents and edge cases (longer than the features' 320-word window, exactly at it, other
// scripts, homoglyphs, numbers, no words), the reading the features keep equals the one read afresh
// (`readWindow`), the features are the same with or without keeping it, and the measures agree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusMeasurer } from '../../src/diversity/corpus-measurer.js';
import { extractFeatures, extractFeaturesAndReading } from '../../src/features/extract.js';
import { readWindow } from '../../src/features/reading.js';

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `word${String.fromCharCode(97 + ((i + from) % 26))}${String.fromCharCode(97 + Math.floor((i + from) / 26) % 26)}`).join(' ');

const EDGE_CASES = [
  '',
  '   \n\t ',
  '!!! ??? ...',
  words(320),
  words(321),
  `${words(300)} ${'Ωραίο ΤΈΛΟΣ '.repeat(30)}`,
  `  ${words(500, 3)}\n\n${words(200, 7)}  `,
  `The ﬁrst “quoted” paper — 1,000 pages, 3.5 kg; ΟΔΟΣ; ｆｕｌｌｗｉｄｔｈ; zero\u200Bwidth; don't; 'tis ${words(330)}`,
  'Ich würde gern über die Straße gehen, 42 Mal, und дальше по-русски.',
];

const texts = [...lines('fixtures/labeled/dev-small.jsonl'), ...lines('fixtures/multilingual/udhr-paragraphs.jsonl').slice(0, 40), ...EDGE_CASES];

describe("measuring from the features' reading", () => {
  it('the reading the features keep is the one read afresh, and keeping it changes no feature', () => {
    for (const text of texts) {
      const { vector, reading } = extractFeaturesAndReading(text);
      expect(vector).toEqual(extractFeatures(text));
      expect(reading).toEqual(readWindow(text));
    }
  });

  it('gives the measure of the text itself, for documents within the window and longer', () => {
    const measurer = corpusMeasurer();
    let longer = 0;
    for (const text of texts) {
      const { reading } = extractFeaturesAndReading(text);
      if (!reading.whole) longer += 1;
      // Measures are views of buffers the next measure reuses: copied before measuring again.
      const fromReading = structuredClone(measurer.measure(text, reading));
      expect(fromReading).toEqual(structuredClone(measurer.measure(text)));
    }
    expect(longer).toBeGreaterThanOrEqual(4);
  });
});
