import { Redis, type RedisOptions } from 'ioredis';
import { CrawlsiftError } from '../errors.js';

/** The Redis URL commands use without `--redis`: `$CRAWLSIFT_REDIS_URL`, else a local server. */
export function defaultRedisUrl(): string {
  return process.env.CRAWLSIFT_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** The URL without its password, for logs and messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable redis url>';
  }
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

/**
 * Connects to `redis://` or `rediss://` (TLS) URLs with optional user and password. The first
 * connection fails fast with `redis-unreachable` (unless `failFast: false`), so a typo in
 * `--redis` is an error, not a hang;
 * once up, the connection survives a Redis restart: it reconnects with backoff and holds commands
 * until it is back (`maxRetriesPerRequest: null`, as BullMQ requires for workers).
 */
export async function connectRedis(url: string, options: Partial<RedisConnectOptions> = {}): Promise<Redis> {
  const { reconnectForMs, connectTimeoutMs, failFast } = { ...DEFAULTS, ...options };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CrawlsiftError('redis-url-invalid', `--redis must be a redis:// or rediss:// URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new CrawlsiftError('redis-url-invalid', `--redis must be a redis:// or rediss:// URL, got ${JSON.stringify(redactRedisUrl(url))}`);
  }
  let everReady = false;
  let downSince: number | undefined;
  const redisOptions: RedisOptions = {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectTimeout: connectTimeoutMs,
    retryStrategy: (times) => {
      if (!everReady && failFast) return null;
      downSince ??= Date.now();
      if (Date.now() - downSince > reconnectForMs) return null;
      return Math.min(100 * times, 1_000);
    },
  };
  const redis = new Redis(url, redisOptions);
  // ioredis emits 'error' on every failed reconnect; without a listener Node would crash on it.
  redis.on('error', () => undefined);
  redis.on('ready', () => {
    everReady = true;
    downSince = undefined;
  });
  if (!failFast) {
    redis.connect().catch(() => undefined);
    return redis;
  }
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new CrawlsiftError('redis-unreachable', `cannot connect to Redis at ${redactRedisUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return redis;
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
