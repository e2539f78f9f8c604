import { pino, type Logger } from 'pino';

let logger: Logger | undefined;

/**
 * The structured logger: JSON lines on stderr (stdout stays free for `--json` output).
 * Level from `--log-level`, else `CRAWLSIFT_LOG_LEVEL`, else `warn` so a normal run prints only its summary.
 */
export function getLogger(level?: string): Logger {
  if (!logger || level) {
    logger = pino({ level: level ?? process.env.CRAWLSIFT_LOG_LEVEL ?? 'warn', base: { app: 'crawlsift' } }, pino.destination(2));
  }
  return logger;
}
