import { Redis, type RedisOptions } from 'ioredis';
import { CrawlsiftError } from '../../errors.js';

/** The Redis URL commands use without `--redis`: `$CRAWLSIFT_REDIS_URL`, else a local server. */
export function defaultRedisUrl(): string {
  return process.env.CRAWLSIFT_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** The URL without its password, for logs and messages. Never echoes a password, even of a URL that does not parse. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    // Without `//` (`redis:u:pw@host`, `u:pw@host`) the URL parses with the password in its path.
    if (parsed.host || !url.includes('@')) {
      if (parsed.password) parsed.password = '***';
      if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
      return parsed.toString();
    }
  } catch {
    // Redacted by hand below.
  }
  {
    // Blank out everything between `//` (or the start) and the last `@`: the user and password.
    let redacted = url;
    const at = url.lastIndexOf('@');
    if (at >= 0) {
      const slashes = url.indexOf('//');
      const from = slashes >= 0 && slashes < at ? slashes + 2 : 0;
      redacted = `${url.slice(0, from)}***${url.slice(at)}`;
    }
    return redacted.replace(/([?&]password=)[^&#]*/gi, '$1***');
  }
}

/** A `--redis` URL, checked: `redis://` or `rediss://`, and the database (the path, or `?db=`) a non-negative integer. */
export interface ParsedRedisUrl {
  url: URL;
  /** The database to SELECT; undefined when the URL names none (database 0). */
  db: number | undefined;
}

/** Checks a `--redis` URL without connecting; throws `redis-url-invalid` (exit 2), never echoing a password. */
export function parseRedisUrl(url: string): ParsedRedisUrl {
  const shown = JSON.stringify(redactRedisUrl(url));
  const invalid = (why: string) => new CrawlsiftError('redis-url-invalid', `--redis ${why}, got ${shown}`, { exitCode: 2 });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('must be a redis:// or rediss:// URL');
  }
  if ((parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || !/^rediss?:\/\//i.test(url)) throw invalid('must be a redis:// or rediss:// URL');
  // ioredis decodes the user and password with decodeURIComponent, which throws 'URI malformed'.
  for (const [part, value] of [['user', parsed.username], ['password', parsed.password]] as const) {
    try {
      decodeURIComponent(value);
    } catch {
      throw invalid(`${part} holds a % that does not start a %XX escape (write % itself as %25)`);
    }
  }
  const fromPath = parsed.pathname === '' || parsed.pathname === '/' ? undefined : parsed.pathname.slice(1);
  const fromQuery = parsed.searchParams.get('db') ?? undefined;
  const raw = fromPath ?? fromQuery;
  if (raw === undefined) return { url: parsed, db: undefined };
  const db = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(db)) {
    const message = `--redis database must be a non-negative integer (as in redis://host:6379/2), got ${JSON.stringify(raw)} in ${shown}`;
    throw new CrawlsiftError('redis-url-invalid', message, { exitCode: 2 });
  }
  return { url: parsed, db };
}

export interface RedisConnectOptions {
  /**
   * Give up when Redis stays unreachable this long after the connection was first up: long
   * enough for a restart, short enough that a producer does not hang forever.
   * `Infinity` (workers) retries for ever.
   * @defaultValue 60_000
   */
  reconnectForMs: number;
  /** Give up on the first connection after this long. @defaultValue 5_000 */
  connectTimeoutMs: number;
  /**
   * Fail when the first connection fails (producer, finalize, status). Workers set false: they may
   * start before Redis does, and wait for it.
   * @defaultValue true
   */
  failFast: boolean;
}

const DEFAULTS: RedisConnectOptions = { reconnectForMs: 60_000, connectTimeoutMs: 5_000, failFast: true };

/** True for the reply to a failed SELECT (ioredis tags reply errors with their command). */
function isSelectError(error: unknown): boolean {
  return String((error as { command?: { name?: unknown } } | undefined)?.command?.name ?? '').toLowerCase() === 'select';
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Connects to `redis://` or `rediss://` (TLS) URLs with optional user and password. The first
 * connection fails fast with `redis-unreachable` (unless `failFast: false`), giving the reason
 * (refused, unknown host, TLS error, failed SELECT), so a typo in `--redis` is an error, not a hang;
 * once up, the connection survives a Redis restart: it reconnects with backoff and holds commands
 * until it is back (`maxRetriesPerRequest: null`, as BullMQ requires for workers). When it stays down
 * longer than `reconnectForMs`, its commands fail with `redis-lost`.
 * A SELECT the server refuses (database out of range) never falls back to database 0: with
 * `failFast` it fails the connect, otherwise the connection drops and retries.
 */
export async function connectRedis(url: string, options: Partial<RedisConnectOptions> = {}): Promise<Redis> {
  const { reconnectForMs, connectTimeoutMs, failFast } = { ...DEFAULTS, ...options };
  const { db } = parseRedisUrl(url);
  const target = redactRedisUrl(url);
  let everReady = false;
  let downSince: number | undefined;
  let lastError: Error | undefined;
  let selectError: Error | undefined;
  let lost: CrawlsiftError | undefined;
  // Assigned below; the retry strategy only runs once the connection exists.
  let redis: Redis | undefined;
  const redisOptions: RedisOptions = {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectTimeout: connectTimeoutMs,
    db: db ?? 0,
    retryStrategy: (times) => {
      if (!everReady && failFast) return null;
      downSince ??= Date.now();
      if (Date.now() - downSince > reconnectForMs) {
        const reason = lastError ? `: ${lastError.message}` : '';
        lost = new CrawlsiftError('redis-lost', `lost the connection to Redis at ${target} for over ${seconds(reconnectForMs)}${reason}`, { cause: lastError });
        // ioredis would reject the held commands with a bare "Connection is closed.": give them the reason.
        // flushQueue is ioredis-internal: if a later version lacks it, the commands still fail ("Connection is closed.").
        const internal = redis as unknown as { flushQueue?: (error: Error) => void } | undefined;
        if (typeof internal?.flushQueue === 'function') internal.flushQueue(lost);
        return null;
      }
      return Math.min(100 * times, 1_000);
    },
  };
  redis = new Redis(url, redisOptions);
  const connection = redis;
  // Commands sent after giving up fail with the same reason rather than "Connection is closed.".
  const sendCommand = connection.sendCommand.bind(connection);
  connection.sendCommand = (command, stream) => {
    if (lost && connection.status === 'end') {
      command.reject(lost);
      return command.promise;
    }
    return sendCommand(command, stream);
  };
  // ioredis emits 'error' on every failed reconnect; without a listener Node would crash on it.
  // The last one is the reason a connect fails ("Connection is closed." alone says nothing).
  connection.on('error', (error: Error) => {
    lastError = error;
    if (isSelectError(error)) {
      selectError = error;
      // Never carry on in database 0: drop this connection (workers reconnect and try again).
      if (!failFast || everReady) connection.disconnect(true);
    }
  });
  connection.on('ready', () => {
    if (selectError) return;
    everReady = true;
    downSince = undefined;
  });
  connection.on('connect', () => {
    selectError = undefined;
  });
  if (!failFast) {
    connection.connect().catch(() => undefined);
    return connection;
  }
  try {
    await connection.connect();
  } catch (error) {
    connection.disconnect();
    let reason = lastError?.message ?? (error as Error).message;
    if (url.toLowerCase().startsWith('rediss:') && (lastError as { code?: string } | undefined)?.code === 'ETIMEDOUT') {
      reason += ` (no TLS handshake within ${seconds(connectTimeoutMs)}: does the server speak TLS?)`;
    }
    throw new CrawlsiftError('redis-unreachable', `cannot connect to Redis at ${target}: ${reason}`, { cause: lastError ?? error });
  }
  if (selectError) {
    const reason = selectError.message;
    connection.disconnect();
    throw new CrawlsiftError('redis-unreachable', `cannot connect to Redis at ${target}: SELECT ${db} failed: ${reason}`, { cause: selectError });
  }
  return connection;
}

/** What to log about one error while Redis is unreachable; see {@link OutageLog}. */
export type OutageReport =
  | { kind: 'first'; message: string }
  | { kind: 'still'; message: string; downForMs: number; suppressed: number };

/**
 * Throttles the logging of a connection outage: ioredis and BullMQ report an error on every
 * reconnect attempt (twice a second), for as long as Redis is down. `error()` says to log the first
 * error of an outage, then at most one every `intervalMs` (with how many were left out);
 * `recovered()` ends the outage and says how long it lasted (undefined when there was none).
 */
export class OutageLog {
  private downSince: number | undefined;
  private lastReported = 0;
  private suppressed = 0;

  constructor(
    readonly intervalMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while an outage is being tracked. */
  get down(): boolean {
    return this.downSince !== undefined;
  }

  error(message: string): OutageReport | undefined {
    const now = this.now();
    if (this.downSince === undefined) {
      this.downSince = now;
      this.lastReported = now;
      this.suppressed = 0;
      return { kind: 'first', message };
    }
    if (now - this.lastReported < this.intervalMs) {
      this.suppressed += 1;
      return undefined;
    }
    const report: OutageReport = { kind: 'still', message, downForMs: now - this.downSince, suppressed: this.suppressed };
    this.lastReported = now;
    this.suppressed = 0;
    return report;
  }

  recovered(): { downForMs: number } | undefined {
    if (this.downSince === undefined) return undefined;
    const downForMs = this.now() - this.downSince;
    this.downSince = undefined;
    this.suppressed = 0;
    return { downForMs };
  }
}

/** Closes a connection: QUIT when it is up, a hard disconnect otherwise. Safe to call twice. */
export async function closeRedis(redis: Redis | undefined): Promise<void> {
  if (!redis || redis.status === 'end') return;
  try {
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  } catch {
    redis.disconnect();
  }
}

/**
 * Runs `fn`, and runs it again when Redis went away in the middle of one of its pipelines or
 * transactions: ioredis resends a plain command after it reconnects, but rejects the unanswered
 * rest of a half-answered pipeline with an `AbortError` ("Command aborted due to connection close")
 * rather than resend half of it. Only for steps that are safe to repeat whole, such as the
 * producer's check-then-add of batches with fixed job ids. Other errors, and an abort on the last
 * try, are thrown.
 */
export async function retryWhenAborted<T>(fn: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if ((error as Error).name !== 'AbortError' || attempt >= tries) throw error;
    }
  }
}
