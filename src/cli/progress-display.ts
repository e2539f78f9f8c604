import { clearLine, cursorTo } from 'node:readline';
import cliProgress from 'cli-progress';
import type { RunProgress } from '../pipeline/run-progress.js';

/** True when a redrawn progress line makes sense: stderr is a terminal and we are not in CI. */
export function progressEnabled(stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !process.env.CI;
}

/** One drawing of a progress line: what it says, and where its bar stands. */
export interface ProgressFrame {
  /** A cli-progress format: `{bar}`, `{percentage}`, `{eta_formatted}` (cli-progress's own) and the names of `fields`. */
  format: string;
  /** The bar's position, in the unit of `total`. */
  value: number;
  /** The bar's end; undefined while unknown (the format then has no bar). */
  total: number | undefined;
  fields: Record<string, string>;
}

/** How a kind of progress report draws: pure, so each kind of line is testable without a terminal. */
export type ProgressFrameOf<T> = (progress: T, elapsedSeconds: number) => ProgressFrame;

export interface ProgressDisplay<T = RunProgress> {
  update(progress: T): void;
  /** Writes a line of text (a warning) on stderr; on a terminal above the progress line, which is drawn again below it. */
  note(line: string): void;
  /** Ends the line (a later update starts a new one). Safe to call twice. */
  stop(): void;
}

/** The local executor's line: documents read, docs/s, MB/s, and a bar with ETA over the input bytes when their total is known. */
export const filterProgressFrame: ProgressFrameOf<RunProgress> = (progress, seconds) => {
  const known = progress.totalBytes !== undefined && progress.totalBytes > 0;
  return {
    format: known
      ? 'filter {bar} {percentage}% | {docs} docs | {dps} docs/s | {mbps} MB/s | ETA {eta_formatted}'
      : 'filter | {docs} docs | {dps} docs/s | {mbps} MB/s',
    value: known ? Math.min(progress.bytes, progress.totalBytes!) : 0,
    total: known ? progress.totalBytes : undefined,
    fields: {
      docs: progress.read.toLocaleString('en-US'),
      dps: Math.round(progress.read / seconds).toLocaleString('en-US'),
      mbps: (progress.bytes / 1e6 / seconds).toFixed(1),
    },
  };
};

/**
 * A progress line redrawn in place on a terminal (documents/s, MB/s, ETA when the input size is
 * known); nothing at all when piped or in CI.
 */
export function createProgressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay<RunProgress> {
  return createProgressLine(filterProgressFrame, stream);
}

/**
 * A progress line drawn by `frameOf` from each report, redrawn in place on a terminal; when stderr
 * is piped or in CI, no line at all (notes are still written, one line each).
 */
export function createProgressLine<T>(frameOf: ProgressFrameOf<T>, stream: NodeJS.WriteStream = process.stderr): ProgressDisplay<T> {
  if (!progressEnabled(stream)) {
    return { update: () => undefined, note: (line) => void stream.write(`${line}\n`), stop: () => undefined };
  }
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(progress) {
      const frame = frameOf(progress, Math.max((Date.now() - started) / 1000, 1e-3));
      // The format travels in the payload, so a line can change its format (a total becomes known).
      const payload = { ...frame.fields, lineFormat: frame.format };
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: (options, params, fields) => cliProgress.Format.Formatter({ ...options, format: (fields as typeof payload).lineFormat }, params, fields),
            etaBuffer: 50,
            hideCursor: true,
            // Redrawn on every tick even when unchanged, so a note written over the line never hides it.
            forceRedraw: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(frame.total ?? 1, 0, payload);
      } else if (frame.total !== undefined && frame.total !== bar.getTotal()) {
        bar.setTotal(frame.total);
      }
      bar.update(frame.total === undefined ? 0 : Math.min(frame.value, frame.total), payload);
    },
    note(line) {
      if (!bar) return void stream.write(`${line}\n`);
      cursorTo(stream, 0);
      clearLine(stream, 0);
      // cli-progress goes back to the cursor position it saved at start when it stops: save the line
      // the bar moved down to instead (DECSC, as cli-progress saves it), or its last drawing is overwritten.
      stream.write(`${line}\n\x1b7`);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
