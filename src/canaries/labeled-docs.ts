// The modules themselves, not classifier/index.js: that one loads tfjs, which produce --canaries does not need.
import { ClassifierError } from '../classifier/errors.js';
import { readLabeledFile, type LabeledDocument } from '../classifier/labeled-data.js';
import { CrawlsiftError } from '../errors.js';

/** One labeled document (text, label, optional source and generator): the classifier's format. */
export type LabeledDoc = LabeledDocument;
export type Label = LabeledDoc['label'];

/**
 * Reads labeled JSONL files in order with the classifier's loader, as CLI-facing errors
 * (`labeled-invalid`, naming file and line). An empty text is refused too: a crawl document
 * with one is rejected unscored, so as a canary it would measure nothing real.
 */
export async function readLabeledDocs(paths: readonly string[]): Promise<LabeledDoc[]> {
  const all: LabeledDoc[] = [];
  for (const path of paths) {
    let documents: LabeledDoc[];
    try {
      ({ documents } = await readLabeledFile(path));
    } catch (error) {
      if (error instanceof ClassifierError) throw new CrawlsiftError('labeled-invalid', error.message, { cause: error });
      throw error;
    }
    const empty = documents.findIndex((d) => d.text.trim() === '');
    if (empty >= 0) throw new CrawlsiftError('labeled-invalid', `${path}: labeled document ${empty + 1} has an empty text`);
    all.push(...documents);
  }
  return all;
}
