import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { closeRedis, connectRedis, OutageLog, parseRedisUrl, redactRedisUrl } from '../../src/executors/queue/redis-connection.js';
import { freePort, TestRedisServer } from './redis-server.js';

describe('redactRedisUrl', () => {
  it('hides the password of a URL that parses, keeping the rest', () => {
    expect(redactRedisUrl('rediss://user:s3cret@queue.example:6380/2')).toBe('rediss://user:***@queue.example:6380/2');
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactRedisUrl('redis://127.0.0.1:6379/?password=s3cret')).not.toContain('s3cret');
  });

  it('hides user and password of a URL that does not parse', () => {
    expect(redactRedisUrl('redis://u:s3cret@127.0.0.1:99999')).toBe('redis://***@127.0.0.1:99999');
    expect(redactRedisUrl('redis://u:p@ss@127.0.0.1:99999')).toBe('redis://***@127.0.0.1:99999');
    expect(redactRedisUrl('u:s3cret@[::1')).not.toContain('s3cret');
    expect(redactRedisUrl('redis:u:s3cret@127.0.0.1:6379')).not.toContain('s3cret');
    expect(redactRedisUrl('redis://127.0.0.1:99999?password=s3cret')).not.toContain('s3cret');
  });
});

describe('parseRedisUrl', () => {
  it('takes the database from the path or ?db=', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379').db).toBeUndefined();
    expect(parseRedisUrl('redis://127.0.0.1:6379/').db).toBeUndefined();
    expect(parseRedisUrl('redis://127.0.0.1:6379/0').db).toBe(0);
    expect(parseRedisUrl('rediss://u:p@host:6380/15').db).toBe(15);
    expect(parseRedisUrl('redis://host/?db=3').db).toBe(3);
  });

  it.each(['redis://127.0.0.1:6393/abc', 'redis://127.0.0.1:6393/-1', 'redis://127.0.0.1:6393/1.5', 'redis://127.0.0.1:6393/2/x', 'redis://h/?db=x', 'redis://u:s3cret@h/abc'])(
    'rejects the database in %s as a usage error',
    (url) => {
      let error: unknown;
      try {
        parseRedisUrl(url);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'redis-url-invalid', exitCode: 2 });
      expect((error as Error).message).toMatch(/database must be a non-negative integer/);
      expect((error as Error).message).not.toContain('s3cret');
    },
  );

  it('never echoes the password of a malformed URL', () => {
    expect(() => parseRedisUrl('redis://u:s3cret@127.0.0.1:99999')).toThrow(/must be a redis:\/\/ or rediss:\/\/ URL, got "redis:\/\/\*\*\*@127\.0\.0\.1:99999"/);
    expect(() => parseRedisUrl('redis:u:s3cret@127.0.0.1:6379')).toThrow(/must be a redis:\/\/ or rediss:\/\/ URL, got "\*\*\*@127/);
    expect(() => parseRedisUrl('http://u:s3cret@127.0.0.1:6379')).toThrow(/got "http:\/\/u:\*\*\*@127\.0\.0\.1:6379/);
  });

  it('rejects a user or password with a bad %-escape as a usage error, without echoing it', async () => {
    // ioredis's decodeURIComponent threw 'URI malformed', which the CLI printed as an unexpected error.
    const cases = [
      ['redis://alice:Sec%zzret@127.0.0.1:6392', 'password', 'redis://alice:***@127.0.0.1:6392'],
      ['redis://al%ice:secret@127.0.0.1:6392', 'user', 'redis://al%ice:***@127.0.0.1:6392'],
    ] as const;
    for (const [url, part, shown] of cases) {
      const error = await connectRedis(url).catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'redis-url-invalid', exitCode: 2 });
      expect((error as Error).message).toBe(`--redis ${part} holds a % that does not start a %XX escape (write % itself as %25), got "${shown}"`);
      expect((error as Error).message).not.toMatch(/Sec|secret/);
    }
    expect(parseRedisUrl('redis://alice:Sec%25ret@127.0.0.1:6392').url.password).toBe('Sec%25ret');
  });

  it('connectRedis checks the URL before connecting', async () => {
    await expect(connectRedis('redis://127.0.0.1:6393/abc')).rejects.toMatchObject({ code: 'redis-url-invalid', exitCode: 2 });
    const error = await connectRedis('redis://u:s3cret@127.0.0.1:99999').catch((e: Error) => e);
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describe('connectRedis: why a connect failed', () => {
  it('says the connection was refused', async () => {
    const port = await freePort();
    const error = await connectRedis(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 2_000 }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'redis-unreachable' });
    expect((error as Error).message).toBe(`cannot connect to Redis at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('says the host is unknown', async () => {
    const error = await connectRedis('redis://nonexistent.invalid:6379', { connectTimeoutMs: 2_000 }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'redis-unreachable' });
    expect((error as Error).message).toMatch(/^cannot connect to Redis at redis:\/\/nonexistent\.invalid:6379: .*(getaddrinfo|ETIMEDOUT)/);
    expect((error as Error).message).not.toContain('Connection is closed');
  });
});

describe('connectRedis against a private redis-server', () => {
  let server: TestRedisServer;
  beforeAll(async () => {
    server = await TestRedisServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('uses the database in the URL', async () => {
    const redis = await connectRedis(`${server.url}/3`);
    await redis.set('crawlsift-db-test', 'here');
    await closeRedis(redis);
    const check = new Redis(server.url, { db: 3 });
    expect(await check.get('crawlsift-db-test')).toBe('here');
    check.disconnect();
  });

  it('fails when the server refuses the SELECT, rather than use database 0', async () => {
    const error = await connectRedis(`${server.url}/99`).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'redis-unreachable' });
    expect((error as Error).message).toMatch(new RegExp(`^cannot connect to Redis at ${server.url}/99: SELECT 99 failed: ERR DB index is out of range`));
  });

  it('says a TLS handshake failed against a plain server', async () => {
    const error = await connectRedis(server.url.replace('redis:', 'rediss:'), { connectTimeoutMs: 1_500 }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'redis-unreachable' });
    expect((error as Error).message).not.toContain('Connection is closed');
    expect((error as Error).message).toMatch(/TLS|SSL|ssl|ETIMEDOUT|socket/);
  });

  it('fails held commands with "lost the connection" once Redis stays down too long', async () => {
    const own = await TestRedisServer.start();
    const redis = await connectRedis(own.url, { reconnectForMs: 1_000 });
    try {
      expect(await redis.ping()).toBe('PONG');
      await own.stop();
      const error = await redis.ping().catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'redis-lost' });
      expect((error as Error).message).toMatch(new RegExp(`^lost the connection to Redis at ${own.url} for over 1 s: .*ECONNREFUSED`));
      // Later commands say so too, not "Connection is closed.".
      await expect(redis.get('x')).rejects.toMatchObject({ code: 'redis-lost' });
    } finally {
      await closeRedis(redis);
      await own.stop();
    }
  });
});

describe('OutageLog', () => {
  it('reports the first error, then at most one per interval, then the recovery', () => {
    let now = 1_000;
    const log = new OutageLog(10_000, () => now);
    expect(log.recovered()).toBeUndefined();
    expect(log.error('connect ECONNREFUSED')).toEqual({ kind: 'first', message: 'connect ECONNREFUSED' });
    const reports = [];
    for (let i = 0; i < 60; i++) {
      now += 500; // twice a second, as BullMQ reports them
      const report = log.error('connect ECONNREFUSED');
      if (report) reports.push(report);
    }
    expect(reports).toEqual([
      { kind: 'still', message: 'connect ECONNREFUSED', downForMs: 10_000, suppressed: 19 },
      { kind: 'still', message: 'connect ECONNREFUSED', downForMs: 20_000, suppressed: 19 },
      { kind: 'still', message: 'connect ECONNREFUSED', downForMs: 30_000, suppressed: 19 },
    ]);
    now += 250;
    expect(log.recovered()).toEqual({ downForMs: 30_250 });
    expect(log.down).toBe(false);
    expect(log.error('again')).toEqual({ kind: 'first', message: 'again' });
  });
});
