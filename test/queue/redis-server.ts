import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** A free loopback TCP port (the OS picks it; tiny race until redis binds it, fine for tests). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * A private `redis-server` for one test file: loopback only, a free port, AOF on (fsync always) in
 * a temporary directory, so `restart()` keeps the data as a production Redis with AOF would.
 */
export class TestRedisServer {
  private process: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly password?: string,
  ) {}

  get url(): string {
    return `redis://${this.password === undefined ? '' : `:${encodeURIComponent(this.password)}@`}127.0.0.1:${this.port}`;
  }

  /** @param options.password a password clients must give (requirepass), for tests of how it is handled */
  static async start(options: { password?: string } = {}): Promise<TestRedisServer> {
    const server = new TestRedisServer(await freePort(), await mkdtemp(join(tmpdir(), 'crawlsift-redis-')), options.password);
    await server.launch();
    return server;
  }

  /** Stops Redis (SIGTERM: it flushes the AOF) and starts it again on the same port and data. */
  async restart(downMs = 500): Promise<void> {
    await this.shutdown();
    await sleep(downMs);
    await this.launch();
  }

  /** Stops Redis, keeping its data (a later `restart()`-like launch is not offered: it stays down). */
  async halt(): Promise<void> {
    await this.shutdown();
  }

  /** Stops Redis and removes its data. Safe to call twice. */
  async stop(): Promise<void> {
    await this.shutdown();
    await rm(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always',
        '--maxmemory-policy', 'noeviction', '--dir', this.dir, ...(this.password === undefined ? [] : ['--requirepass', this.password])],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    this.process = child;
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      for (let i = 0; i < 100; i++) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
        try {
          if (client.status !== 'ready') await client.connect();
          if ((await client.ping()) === 'PONG') return;
        } catch {
          client.disconnect();
          await sleep(50);
        }
      }
      throw new Error('redis-server did not start');
    } finally {
      client.disconnect();
    }
  }

  private async shutdown(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}
