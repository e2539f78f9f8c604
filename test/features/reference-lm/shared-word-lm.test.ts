import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parseScoringWordLm, shareShippedWordLm, shippedReferenceLmPath, type SharedWordLm } from '../../../src/features/reference-lm/index.js';
import { WorkerPool } from '../../../src/threads/worker-pool.js';

/** What the test thread (`threads/adopt-thread.ts`) scores with, after adopting `shared`. */
async function threadModel(shared: SharedWordLm | undefined): Promise<{ shared: boolean; firstCtx: number }> {
  const pool = await WorkerPool.start<SharedWordLm | undefined, null, { shared: boolean; firstCtx: number }>({
    what: 'test',
    entry: new URL('./threads/adopt-thread.ts', import.meta.url),
    workerData: shared,
    threads: 1,
  });
  try {
    return await pool.run(null);
  } finally {
    await pool.close();
  }
}

describe('the reference word LM shared with threads', () => {
  it('is built in SharedArrayBuffers, with the same table contents as a thread-local load', () => {
    const shared = shareShippedWordLm()!;
    expect(shared.path).toBe(shippedReferenceLmPath());
    expect(shared.lm.tables.ngram.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.lm.tables.ctx.buffer).toBeInstanceOf(SharedArrayBuffer);
    const local = parseScoringWordLm(readFileSync(shared.path));
    expect(local.tables.ngram.buffer).toBeInstanceOf(ArrayBuffer);
    expect(Buffer.from(shared.lm.tables.ngram.buffer).equals(Buffer.from(local.tables.ngram.buffer))).toBe(true);
    expect(Buffer.from(shared.lm.tables.ctx.buffer).equals(Buffer.from(local.tables.ctx.buffer))).toBe(true);
    // Asked again, the same copy: a pool restarted after a thread died shares the same memory.
    expect(shareShippedWordLm()!.lm).toBe(shared.lm);
  });

  it('reaches a thread without a copy: what the thread reads is what the parent wrote', async () => {
    const shared = shareShippedWordLm()!;
    // A worker that adopts the parent's model and reports whether its tables are the parent's memory.
    const source = `
      const { workerData, parentPort } = require('node:worker_threads');
      const { lm } = workerData;
      const before = Atomics.load(lm.tables.ctx, 0);
      parentPort.postMessage({ shared: lm.tables.ngram.buffer instanceof SharedArrayBuffer, before });
      parentPort.once('message', () => parentPort.postMessage(Atomics.load(lm.tables.ctx, 0)));
    `;
    const worker = new Worker(source, { eval: true, workerData: shared satisfies SharedWordLm });
    try {
      const messages: unknown[] = [];
      const next = () => new Promise((resolve) => worker.once('message', resolve));
      messages.push(await next());
      expect(messages[0]).toEqual({ shared: true, before: shared.lm.tables.ctx[0] });
      const original = shared.lm.tables.ctx[0]!;
      try {
        // A write in the parent is seen by the thread: one buffer, not two.
        Atomics.store(shared.lm.tables.ctx, 0, original ^ 1);
        worker.postMessage('read');
        expect(await next()).toBe(original ^ 1);
      } finally {
        Atomics.store(shared.lm.tables.ctx, 0, original);
      }
    } finally {
      await worker.terminate();
    }
  });

  it('is what a thread scores with once adopted; a thread given none, or one of another file, loads its own', async () => {
    const shared = shareShippedWordLm()!;
    expect(await threadModel(shared)).toEqual({ shared: true, firstCtx: shared.lm.tables.ctx[0] });
    expect(await threadModel(undefined)).toEqual({ shared: false, firstCtx: shared.lm.tables.ctx[0] });
    expect((await threadModel({ ...shared, path: '/elsewhere/reference-lm.bin' })).shared).toBe(false);
  });
});
