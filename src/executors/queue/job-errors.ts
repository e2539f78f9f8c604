import { UnrecoverableError } from 'bullmq';

/**
 * A batch job error that retrying cannot fix: BullMQ fails the job at once instead of spending its
 * attempts. Carries a stable `code`, as `CrawlsiftError` does, for the failed-batch records.
 */
export class UnrecoverableJobError extends UnrecoverableError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnrecoverableJobError';
  }
}

/** The job is no crawlsift batch, or its payload does not parse or does not match its id. */
export class BatchPayloadInvalidError extends UnrecoverableJobError {
  constructor(message: string) {
    super('batch-payload-invalid', message);
    this.name = 'BatchPayloadInvalidError';
  }
}

/**
 * Error codes of the batch threads that no retry can fix: the worker's model is not the run's (it
 * must be given `--model` with the right one, and its batches re-queued), or the model cannot load.
 */
const UNRECOVERABLE_CODES: ReadonlySet<string> = new Set(['model-mismatch', 'model-files-invalid', 'card-invalid', 'feature-spec-mismatch']);

/** The error to fail a job with: unrecoverable for the codes no retry can fix, else as it is. */
export function asJobError(error: unknown): unknown {
  if (error instanceof UnrecoverableError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNRECOVERABLE_CODES.has(code)) return new UnrecoverableJobError(code, (error as Error).message);
  return error;
}
