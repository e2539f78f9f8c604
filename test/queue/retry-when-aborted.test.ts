import { describe, expect, it } from 'vitest';
import { retryWhenAborted } from '../../src/executors/queue/redis-connection.js';

/** What ioredis rejects the unanswered rest of a half-answered pipeline with. */
class AbortError extends Error {
  override name = 'AbortError';
}

describe('retryWhenAborted', () => {
  it('runs the step again after an aborted pipeline, and returns its result', async () => {
    let calls = 0;
    const result = await retryWhenAborted(async () => {
      calls += 1;
      if (calls < 3) throw new AbortError('Command aborted due to connection close');
      return 'added';
    });
    expect(result).toBe('added');
    expect(calls).toBe(3);
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    await expect(retryWhenAborted(async () => {
      calls += 1;
      throw new Error('Connection is closed.');
    })).rejects.toThrow('Connection is closed.');
    expect(calls).toBe(1);
  });

  it('gives up after the last try with the abort itself', async () => {
    let calls = 0;
    await expect(retryWhenAborted(async () => {
      calls += 1;
      throw new AbortError(`abort ${calls}`);
    }, 4)).rejects.toThrow('abort 4');
    expect(calls).toBe(4);
  });
});
