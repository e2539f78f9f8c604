import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { closeRedis, connectRedis } from '../../src/executors/queue/redis-connection.js';
import { TestRedisServer } from './redis-server.js';

/**
 * For one test file: a private redis-server and a connection to it, started before the file's
 * tests and stopped after them. `use` hands both to the file, which keeps them in its own variables.
 */
export function withPrivateRedis(use: (server: TestRedisServer, redis: Redis) => void): void {
  let server: TestRedisServer | undefined;
  let redis: Redis | undefined;
  beforeAll(async () => {
    server = await TestRedisServer.start();
    redis = await connectRedis(server.url);
    use(server, redis);
  });
  afterAll(async () => {
    if (redis) await closeRedis(redis);
    await server?.stop();
  });
}
