import { describe, expect, it } from 'vitest';
import { ThreadDiedError, ThreadRequestError, WorkerPool } from '../../src/threads/worker-pool.js';

type Req = { op: 'echo' | 'fail' | 'die'; value?: string };
const start = () => WorkerPool.start<undefined, Req, string>({ what: 'test', entry: new URL('./pool-thread.ts', import.meta.url), workerData: undefined, threads: 2 });

describe('WorkerPool', () => {
  it('answers requests on its threads, and a failed request with its code, the pool going on', async () => {
    const pool = await start();
    try {
      expect(await Promise.all(['a', 'b', 'c'].map((value) => pool.run({ op: 'echo', value })))).toEqual(['echo a', 'echo b', 'echo c']);
      const failed = await pool.run({ op: 'fail', value: 'x' }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ThreadRequestError);
      expect(failed).toMatchObject({ code: 'bad-request', message: 'cannot do x' });
      expect(await pool.run({ op: 'echo', value: 'd' })).toBe('echo d');
    } finally {
      await pool.close();
    }
  });

  it('fails with a typed ThreadDiedError when a thread dies, then refuses all work', async () => {
    const pool = await start();
    try {
      const died = await pool.run({ op: 'die' }).catch((e: unknown) => e);
      expect(died).toBeInstanceOf(ThreadDiedError);
      expect(died).toMatchObject({ code: 'thread-died', message: 'test thread died: exited with code 3' });
      await expect(pool.run({ op: 'echo', value: 'later' })).rejects.toBeInstanceOf(ThreadDiedError);
    } finally {
      await pool.close();
      await pool.close();
    }
  });
});
