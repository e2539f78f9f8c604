import { CrawlsiftError } from '../errors.js';

/**
 * Stable machine-readable codes for everything the classifier can refuse.
 * Programs branch on `code`; people read `message`.
 */
export type ClassifierErrorCode =
  /** `card.json` is missing, not JSON, or fails the card schema. */
  | 'card-invalid'
  /** The model was trained with a different feature spec than this build extracts. */
  | 'feature-spec-mismatch'
  /** `model.json` or `weights.bin` is missing, unreadable or inconsistent with the card. */
  | 'model-files-invalid'
  /** A labeled JSONL file is unreadable or a line fails the labeled-document schema. */
  | 'labeled-data-invalid'
  /** The requested tfjs backend cannot be loaded in this process. */
  | 'backend-unavailable'
  /** Training options or data cannot produce a model (e.g. only one label present). */
  | 'training-invalid';

export class ClassifierError extends CrawlsiftError {
  declare readonly code: ClassifierErrorCode;

  constructor(code: ClassifierErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ClassifierError';
  }
}
