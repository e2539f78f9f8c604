import cliProgress from 'cli-progress';
import type { FilterProgress } from '../pipeline/local-executor.js';

/** True when a redrawn progress line makes sense: stderr is a terminal and we are not in CI. */
export function progressEnabled(stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !process.env.CI;
}

export interface ProgressDisplay {
  update(progress: FilterProgress): void;
  stop(): void;
}

const NOOP: ProgressDisplay = { update: () => undefined, stop: () => undefined };

/**
 * A progress line redrawn in place on a terminal (documents/s, MB/s, ETA when the input size is
 * known); nothing at all when piped or in CI.
 */
export function createProgressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  if (!progressEnabled(stream)) return NOOP;
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(progress) {
      const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
      const payload = {
        docs: progress.read.toLocaleString('en-US'),
        dps: Math.round(progress.read / seconds).toLocaleString('en-US'),
        mbps: (progress.bytes / 1e6 / seconds).toFixed(1),
      };
      if (!bar) {
        const known = progress.totalBytes !== undefined && progress.totalBytes > 0;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: known
              ? 'filter {bar} {percentage}% | {docs} docs | {dps} docs/s | {mbps} MB/s | ETA {eta_formatted}'
              : 'filter | {docs} docs | {dps} docs/s | {mbps} MB/s',
            etaBuffer: 50,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(known ? progress.totalBytes! : 1, 0, payload);
      }
      bar.update(progress.totalBytes ? Math.min(progress.bytes, progress.totalBytes) : 0, payload);
    },
    stop() {
      bar?.stop();
    },
  };
}
