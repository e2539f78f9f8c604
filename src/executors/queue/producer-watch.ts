/** What one look of `finalize --wait` found about the producer of an unfinished run. */
export type ProducerLook = 'running' | 'stopped' | 'still-stopped' | 'timed-out';

/**
 * Follows the producer of an unfinished run across the looks of `finalize --wait`, from whether its
 * heartbeat was there: `stopped` the first look it is not (once per stop: a producer restarted and
 * stopped again is `stopped` again), `timed-out` once it has not been running for `timeoutMs`.
 */
export class ProducerWatch {
  private stoppedSince: number | undefined;

  constructor(private readonly timeoutMs = Infinity) {}

  look(running: boolean, now: number): ProducerLook {
    if (running) {
      this.stoppedSince = undefined;
      return 'running';
    }
    const first = this.stoppedSince === undefined;
    this.stoppedSince ??= now;
    if (now - this.stoppedSince >= this.timeoutMs) return 'timed-out';
    return first ? 'stopped' : 'still-stopped';
  }
}

/** What to tell the user when the producer of an unfinished run is not running. */
export function producerStoppedMessage(runId: string): string {
  return `run ${runId}: the producer is not running (its heartbeat in Redis expired before it had read every input); crawlsift produce with the same flags (same --run) resumes the run`;
}
