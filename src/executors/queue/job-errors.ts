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
 * Error codes of a worker's set-up, not of the batch: its model is not the run's (it must be given
 * `--model` with the right one, and the batches re-queued), or the model cannot load. No retry on
 * this worker can fix them, and the batch is not to blame: its records are not rejected for them.
 */
const WORKER_SETUP_CODES: ReadonlySet<string> = new Set(['model-mismatch', 'model-files-invalid', 'card-invalid', 'feature-spec-mismatch']);

/** True for an error of the worker's set-up (see WORKER_SETUP_CODES), however it is wrapped. */
export function isWorkerSetupError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && WORKER_SETUP_CODES.has(code);
}

/** The error to fail a job with: unrecoverable for the set-up errors no retry can fix, else as it is. */
export function asJobError(error: unknown): unknown {
  if (error instanceof UnrecoverableError || !isWorkerSetupError(error)) return error;
  return new UnrecoverableJobError((error as { code: string }).code, (error as Error).message);
}
