import { pino, type Logger } from 'pino';
import { UsageError } from './errors.js';

/** The levels `--log-level` and `CRAWLSIFT_LOG_LEVEL` accept (pino's), most verbose first. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

let logger: Logger | undefined;

/**
 * The structured logger: JSON lines on stderr (stdout stays free for `--json` output).
 * Level from `--log-level`, else `CRAWLSIFT_LOG_LEVEL`, else `warn` so a normal run prints only its summary.
 */
export function getLogger(level?: string): Logger {
  if (!logger || level) {
    const chosen = level ?? process.env.CRAWLSIFT_LOG_LEVEL ?? 'warn';
    if (!(LOG_LEVELS as readonly string[]).includes(chosen)) {
      const source = level !== undefined ? '--log-level' : 'CRAWLSIFT_LOG_LEVEL';
      throw new UsageError(`${source} must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(chosen)}`);
    }
    logger = pino({ level: chosen, base: { app: 'crawlsift' } }, pino.destination(2));
  }
  return logger;
}
