// The queue executor's progress: the line drawn from a run's status (filter --redis, finalize --wait
// on a terminal) and the lines finalize --wait logs without one. Pure functions and a fake terminal.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressLine, filterProgressFrame } from '../../src/cli/progress-display.js';
import { createQueueProgressDisplay, queueProgressFrame } from '../../src/cli/queue-progress.js';
import { WaitReport, waitLogLine } from '../../src/cli/wait-report.js';
import type { RunStatus } from '../../src/executors/queue/run-status.js';

/** A run half done: 2,000 of an estimated 4,000 read items queued, 1,200 done, the producer reading. */
function status(overrides: Partial<RunStatus> = {}): RunStatus {
  return {
    runId: 'crawl-1',
    queueName: 'crawlsift',
    outDir: '/out',
    queue: { waiting: 3, active: 2, delayed: 0, failed: 0 },
    batches: { produced: 8, total: undefined, done: 5, failed: [] },
    records: { produced: 2_000, done: 1_200, expected: 4_000 },
    bytes: { read: 50_000_000, total: 100_000_000 },
    docsPerSecond: 412.4,
    etaSeconds: 679,
    producerDone: false,
    producer: { running: true, host: 'node-1', pid: 42, startedAt: '2026-01-01T00:00:00.000Z' },
    finalizedAt: undefined,
    ...overrides,
  };
}

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTerminal(isTTY = true): NodeJS.WriteStream & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      stream.text += String(chunk);
      callback();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number };
  stream.text = '';
  stream.isTTY = isTTY;
  stream.columns = 200;
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('queueProgressFrame', () => {
  it('shows documents produced and done, docs/s, and a bar with ETA over the expected total', () => {
    const frame = queueProgressFrame(status(), 10);
    expect(frame.format).toBe('queue {bar} {percentage}% | {produced} docs produced | {done} done | {dps} docs/s | ETA {remaining}');
    expect(frame).toMatchObject({ value: 1_200, total: 4_000 });
    expect(frame.fields).toEqual({ produced: '2,000', done: '1,200', dps: '412', remaining: '11 min 19 s' });
  });

  it('has no bar while the total is unknown, and says when batches failed or the producer is not running', () => {
    const frame = queueProgressFrame(
      status({ records: { produced: 0, done: 0, expected: undefined }, etaSeconds: undefined, batches: { produced: 8, total: undefined, done: 5, failed: [{ batch: 3, error: 'x' }] }, producer: { running: false } }),
      10,
    );
    expect(frame.format).toBe('queue | {produced} docs produced | {done} done | {dps} docs/s | 1 failed batch | producer not running');
    expect(frame.total).toBeUndefined();
  });

  it('ends at the whole run once it is finalized, the producer gone', () => {
    const done = status({ records: { produced: 243, done: 243, expected: 243 }, producerDone: true, producer: { running: false }, finalizedAt: '2026-01-01T00:01:00.000Z', etaSeconds: 0 });
    const frame = queueProgressFrame(done, 60);
    expect(frame).toMatchObject({ value: 243, total: 243, fields: { produced: '243', done: '243', remaining: 'done' } });
    expect(frame.format).not.toMatch(/producer not running/);
  });

  it('keeps the bar at its end when done records pass an estimated total', () => {
    expect(queueProgressFrame(status({ records: { produced: 5_000, done: 4_500, expected: 4_000 } }), 1)).toMatchObject({ value: 4_500, total: 4_500 });
  });
});

describe('filterProgressFrame', () => {
  it('is the local line: a bar over the input bytes when their total is known', () => {
    expect(filterProgressFrame({ read: 3_000, written: 2_900, bytes: 2_000_000, totalBytes: 8_000_000 }, 2)).toEqual({
      format: 'filter {bar} {percentage}% | {docs} docs | {dps} docs/s | {mbps} MB/s | ETA {eta_formatted}',
      value: 2_000_000,
      total: 8_000_000,
      fields: { docs: '3,000', dps: '1,500', mbps: '1.0' },
    });
    expect(filterProgressFrame({ read: 10, written: 10, bytes: 100 }, 1)).toMatchObject({ format: 'filter | {docs} docs | {dps} docs/s | {mbps} MB/s', total: undefined });
  });
});

describe('the progress line', () => {
  it('draws the queue line on a terminal, and a note above it', () => {
    vi.stubEnv('CI', '');
    const terminal = fakeTerminal();
    const line = createQueueProgressDisplay(terminal);
    line.update(status());
    line.note('crawlsift finalize: a note');
    line.stop();
    line.stop();
    expect(terminal.text).toMatch(/queue .* 30% \| 2,000 docs produced \| 1,200 done \| 412 docs\/s \| ETA 11 min 19 s/);
    // The note is on a line of its own, and the bar's last drawing stays below it when it stops.
    const [, afterNote] = terminal.text.split('crawlsift finalize: a note\n');
    expect(afterNote).toMatch(/^\x1b7.*queue .* 30% \| 2,000 docs produced.*\x1b8\n$/s);
  });

  it('draws nothing when stderr is not a terminal, or in CI; notes are still written', () => {
    vi.stubEnv('CI', '');
    const piped = fakeTerminal(false);
    const line = createProgressLine(queueProgressFrame, piped);
    line.update(status());
    line.note('a note');
    line.stop();
    expect(piped.text).toBe('a note\n');
    vi.stubEnv('CI', '1');
    const ci = fakeTerminal();
    createQueueProgressDisplay(ci).update(status());
    expect(ci.text).toBe('');
  });
});

describe('finalize --wait without a terminal', () => {
  it('logs batches done, failed and queued and the producer, at most once per interval, the first after one', () => {
    vi.stubEnv('CI', '1');
    const stream = fakeTerminal(false);
    let now = 1_000;
    const report = new WaitReport({ stream, logEveryMs: 30_000, now: () => now });
    report.update(status());
    now += 29_999;
    report.update(status());
    expect(stream.text).toBe('');
    now += 1;
    report.update(status());
    now += 10_000;
    report.update(status());
    expect(stream.text).toBe('crawlsift finalize: waiting for run crawl-1: batches 5 done, 0 failed, 3 queued or running, of 8 so far; producer running, not finished\n');
    report.note('crawlsift finalize: the producer stopped');
    expect(stream.text.endsWith('crawlsift finalize: the producer stopped\n')).toBe(true);
    report.stop();
  });

  it('says whether the producer finished or is not running', () => {
    const finished = status({ batches: { produced: 15, total: 15, done: 12, failed: [{ batch: 4, error: 'boom' }] }, producerDone: true, producer: { running: false } });
    expect(waitLogLine(finished)).toBe('crawlsift finalize: waiting for run crawl-1: batches 12 done, 1 failed, 2 queued or running, of 15; producer finished');
    expect(waitLogLine(status({ producer: { running: false } }))).toMatch(/; producer not running, not finished$/);
  });
});
