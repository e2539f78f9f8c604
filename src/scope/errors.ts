import { CrawlsiftError } from '../errors.js';

/**
 * Stable machine-readable codes for what the scope guard can refuse.
 * Programs branch on `code`; people read `message`.
 */
export type ScopeErrorCode =
  /** Scope options (from flags, a model card or a job payload) fail the options schema. */
  | 'scope-options-invalid'
  /** The language-identification model could not be loaded in this thread. */
  | 'scope-model-unavailable';

export class ScopeError extends CrawlsiftError {
  declare readonly code: ScopeErrorCode;

  constructor(code: ScopeErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ScopeError';
  }
}
