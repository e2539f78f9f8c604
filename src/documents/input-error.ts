import { CrawlsiftError } from '../errors.js';

/** Stable codes for inputs that cannot be read at all. The CLI maps every one to exit code 2. */
export type InputErrorCode = 'input-not-found' | 'input-unreadable' | 'unknown-format' | 'no-match';

/**
 * An input path that cannot be used: it does not exist, cannot be opened, has a format we do
 * not read, or (for a glob or directory) matches no readable file. Unlike a bad record, this
 * stops the run: the user named something we cannot honour.
 */
export class InputError extends CrawlsiftError {
  declare readonly code: InputErrorCode;

  constructor(
    code: InputErrorCode,
    /** The input as the user gave it. */
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'InputError';
  }
}
