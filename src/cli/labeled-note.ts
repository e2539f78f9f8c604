import type { LabeledFile } from '../classifier/labeled-data.js';

/**
 * Says on stderr what a labeled reader passed over in `file`: lines not labeled yet (`label: null`)
 * and documents kept for the other use (`split: train` when measuring, `split: holdout` when
 * training), so that a count that looks small is explained.
 */
export function notePassedOver(file: LabeledFile, use: 'train' | 'measure' = 'measure'): void {
  const parts = [
    ...(file.otherUse > 0 ? [`${file.otherUse} marked split: ${use === 'measure' ? 'train' : 'holdout'}`] : []),
    ...(file.unlabeled > 0 ? [`${file.unlabeled} not labeled (label: null)`] : []),
  ];
  if (parts.length === 0) return;
  process.stderr.write(`crawlsift: ${file.path}: ${file.documents.length} labeled documents used; passed over ${parts.join(' and ')}\n`);
}
