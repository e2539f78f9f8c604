/**
 * Stable machine-readable codes for everything the classifier can refuse.
 * Programs branch on `code`; people read `message`.
 */
export type ClassifierErrorCode =
  /** `card.json` is missing, not JSON, or fails the card schema. */
  | 'CARD_INVALID'
  /** The model was trained with a different feature spec than this build extracts. */
  | 'FEATURE_SPEC_MISMATCH'
  /** `model.json` or `weights.bin` is missing, unreadable or inconsistent with the card. */
  | 'MODEL_FILES_INVALID'
  /** A labeled JSONL file is unreadable or a line fails the labeled-document schema. */
  | 'LABELED_DATA_INVALID'
  /** The requested tfjs backend cannot be loaded in this process. */
  | 'BACKEND_UNAVAILABLE'
  /** Training options or data cannot produce a model (e.g. only one label present). */
  | 'TRAINING_INVALID';

export class ClassifierError extends Error {
  readonly code: ClassifierErrorCode;

  constructor(code: ClassifierErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClassifierError';
    this.code = code;
  }
}
