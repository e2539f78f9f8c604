import { formatSeconds, type RunStatus } from '../executors/queue/run-status.js';
import { createProgressLine, type ProgressDisplay, type ProgressFrameOf } from './progress-display.js';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The queue executor's progress line, from the run's status: documents (read items) the producer has
 * queued and the workers have done, documents/s, and a bar with ETA once the run's total is known
 * (the input size is, and reading has begun); failed batches and a stopped producer when there are.
 */
export const queueProgressFrame: ProgressFrameOf<RunStatus> = (status) => {
  const expected = status.records.expected;
  const known = expected !== undefined && expected > 0;
  const failed = status.batches.failed.length;
  const notes = [
    ...(failed > 0 ? [`${n(failed)} failed ${failed === 1 ? 'batch' : 'batches'}`] : []),
    ...(!status.producerDone && !status.producer.running ? ['producer not running'] : []),
  ].map((note) => ` | ${note}`).join('');
  const counts = '{produced} docs produced | {done} done | {dps} docs/s';
  const eta = status.finalizedAt ? 'done' : status.etaSeconds === undefined ? 'unknown' : formatSeconds(status.etaSeconds);
  return {
    format: known ? `queue {bar} {percentage}% | ${counts} | ETA {remaining}${notes}` : `queue | ${counts}${notes}`,
    value: status.records.done,
    // Until the producer is done the total is an estimate, which done records may pass.
    total: known ? Math.max(expected, status.records.done) : undefined,
    fields: {
      produced: n(status.records.produced),
      done: n(status.records.done),
      dps: n(Math.round(status.docsPerSecond)),
      remaining: eta,
    },
  };
};

/** The queue executor's progress line on a terminal (`filter --redis`, `finalize --wait`); none when piped or in CI. */
export function createQueueProgressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay<RunStatus> {
  return createProgressLine(queueProgressFrame, stream);
}
