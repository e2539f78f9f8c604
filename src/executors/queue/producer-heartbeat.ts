import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { runKeys } from './run-keys.js';

export interface ProducerHeartbeatOptions {
  /** How long one beat lasts, milliseconds: a producer silent this long counts as not running. @defaultValue 15_000 */
  ttlMs: number;
  /** How often a running producer beats, milliseconds; well under `ttlMs`, so a busy moment is no death. @defaultValue 5_000 */
  intervalMs: number;
}

export const DEFAULT_PRODUCER_HEARTBEAT: ProducerHeartbeatOptions = { ttlMs: 15_000, intervalMs: 5_000 };

/** What a beat says about the producer that wrote it. */
export const ProducerBeatSchema = z.object({
  /** Tells this producer's beat from another's (two may produce one run at once). */
  token: z.string(),
  host: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
});
export type ProducerBeat = z.infer<typeof ProducerBeatSchema>;

// Deletes the beat only if it is still this producer's: another producer of the run may have written it since.
const DELETE_OWN_BEAT_SCRIPT = `
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/**
 * A producer's sign of life in Redis: `crawlsift:run:<id>:producer`, set with a TTL and refreshed
 * every `intervalMs` while the producer runs. `finalize --wait` and `status` read it: when it is
 * gone and the run is unfinished, no producer is running (it crashed, or was stopped, or lost Redis).
 */
export class ProducerHeartbeat {
  private readonly key: string;
  private readonly value: string;
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly redis: Redis,
    runId: string,
    private readonly options: ProducerHeartbeatOptions,
  ) {
    this.key = runKeys(runId).producer;
    const beat: ProducerBeat = { token: randomUUID(), host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
    this.value = JSON.stringify(beat);
  }

  /** Writes the first beat (its errors are the caller's, as for any Redis call), then beats on. */
  static async start(redis: Redis, runId: string, options: Partial<ProducerHeartbeatOptions> = {}): Promise<ProducerHeartbeat> {
    const heartbeat = new ProducerHeartbeat(redis, runId, { ...DEFAULT_PRODUCER_HEARTBEAT, ...options });
    await heartbeat.beat();
    heartbeat.timer = setInterval(() => {
      // A beat still waiting (Redis restarting) is enough; a failed one is retried at the next tick.
      heartbeat.beating ??= heartbeat
        .beat()
        .catch(() => undefined)
        .finally(() => (heartbeat.beating = undefined));
    }, heartbeat.options.intervalMs);
    // The producer's own work keeps the process alive; a heartbeat never should.
    heartbeat.timer.unref();
    return heartbeat;
  }

  /** Stops beating and removes the beat if it is still this producer's. Never throws; safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    clearInterval(this.timer);
    await this.beating;
    // If Redis is gone the beat stays until its TTL, as after a crash.
    await this.redis.eval(DELETE_OWN_BEAT_SCRIPT, 1, this.key, this.value).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.redis.set(this.key, this.value, 'PX', this.options.ttlMs);
  }
}
