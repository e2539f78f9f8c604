// The modules themselves, not classifier/index.js: that one loads tfjs, which produce --canaries does not need.
import { ClassifierError } from '../classifier/errors.js';
import { readLabeledFile, type LabeledDocument, type LabeledFile } from '../classifier/labeled-data.js';
import { CrawlsiftError } from '../errors.js';

/** One labeled document (text, label, optional source and generator): the classifier's format. */
export type LabeledDoc = LabeledDocument;
export type Label = LabeledDoc['label'];

/** Hears, per file, of the lines a labeled reader passed over: unlabeled (`label: null`) and `split: train`. */
export type PassedOverListener = (file: LabeledFile) => void;

/**
 * Reads labeled JSONL files in order with the classifier's loader, whose rules every labeled
 * reader shares (an empty text is refused too, see `LabeledDocumentSchema`), as CLI-facing errors
 * (`labeled-invalid`) naming the file and line. Everything that reads labeled files here measures
 * (tune, canaries, report), so documents marked `split: train` are left out, as are unlabeled lines;
 * `onPassedOver` hears of each file that had any.
 */
export async function readLabeledDocs(paths: readonly string[], onPassedOver?: PassedOverListener): Promise<LabeledDoc[]> {
  const all: LabeledDoc[] = [];
  for (const path of paths) {
    let file: LabeledFile;
    try {
      file = await readLabeledFile(path, 'measure');
    } catch (error) {
      if (error instanceof ClassifierError) throw new CrawlsiftError('labeled-invalid', error.message, { cause: error });
      throw error;
    }
    if (file.unlabeled + file.otherUse > 0) onPassedOver?.(file);
    for (const doc of file.documents) all.push(doc);
  }
  return all;
}
