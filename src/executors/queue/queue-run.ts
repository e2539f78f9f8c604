import type { Redis } from 'ioredis';
import { checkRunId, DEFAULT_QUEUE_NAME } from './run-keys.js';
import { checkRunQueue } from './run-queue.js';
import type { RunSpec } from './run-spec.js';
import { RunStore, type RunState } from './run-store.js';

/**
 * A queue run as producer, finalize and status work with it: its id (checked when opened), the
 * queue it is used on, and its record in Redis, which every read checks belongs to that queue. The
 * one place a run's id and queue are checked.
 */
export class QueueRun {
  readonly store: RunStore;

  private constructor(
    readonly redis: Redis,
    readonly id: string,
    readonly queueName: string,
  ) {
    this.store = new RunStore(redis, id);
  }

  /** The run `runId` on `queueName` (usage error for an id that cannot be a run's). */
  static open(redis: Redis, runId: string, queueName: string = DEFAULT_QUEUE_NAME): QueueRun {
    return new QueueRun(redis, checkRunId(runId), queueName);
  }

  /** The run's recorded spec, or undefined when it is not recorded yet; refused when it is another queue's. */
  async recordedSpec(): Promise<RunSpec | undefined> {
    const spec = await this.store.getSpec();
    if (spec) this.check(spec);
    return spec;
  }

  /** The run's state (an error when it is not recorded); refused when it is another queue's. */
  async state(): Promise<RunState> {
    const state = await this.store.getState();
    this.check(state.spec);
    return state;
  }

  /** Refuses a spec of another queue's run (`run-queue-mismatch`, exit 2). */
  check(spec: RunSpec): void {
    checkRunQueue(this.id, spec, this.queueName);
  }
}
