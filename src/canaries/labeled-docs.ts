// The modules themselves, not classifier/index.js: that one loads tfjs, which produce --canaries does not need.
import { ClassifierError } from '../classifier/errors.js';
import { readLabeledFile, type LabeledDocument } from '../classifier/labeled-data.js';
import { CrawlsiftError } from '../errors.js';

/** One labeled document (text, label, optional source and generator): the classifier's format. */
export type LabeledDoc = LabeledDocument;
export type Label = LabeledDoc['label'];

/**
 * Reads labeled JSONL files in order with the classifier's loader, whose rules every labeled
 * reader shares (an empty text is refused too, see `LabeledDocumentSchema`), as CLI-facing errors
 * (`labeled-invalid`) naming the file and line.
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
    for (const doc of documents) all.push(doc);
  }
  return all;
}
