/**
 * An error a user can act on: a stable `code` for programs, a one-line message for people, and
 * the exit code the CLI should end with (2: the run could not be done; 1: a check failed).
 */
export class CrawlsiftError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CrawlsiftError';
    this.code = code;
    this.exitCode = options.exitCode ?? 2;
  }
}

/** Bad flags or arguments: exit 2 with the usage hint. */
export class UsageError extends CrawlsiftError {
  constructor(message: string) {
    super('usage', message, { exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** True for errors whose message is meant for the user as it is; others need the --debug stack. */
export function isUserFacingError(error: unknown): error is CrawlsiftError {
  return error instanceof CrawlsiftError;
}
