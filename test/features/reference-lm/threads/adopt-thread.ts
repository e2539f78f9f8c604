// Test thread: adopts the word LM its parent shared, then reports whether the model it scores with is that one.
import { workerData } from 'node:worker_threads';
import { adoptSharedWordLm, shippedWordLm, type SharedWordLm } from '../../../../src/features/reference-lm/index.js';
import { servePool } from '../../../../src/threads/serve-pool.js';

adoptSharedWordLm(workerData as SharedWordLm | undefined);

servePool<null, { shared: boolean; firstCtx: number }>({
  handle() {
    const { tables } = shippedWordLm();
    return { response: { shared: tables.ngram.buffer instanceof SharedArrayBuffer, firstCtx: tables.ctx[0]! } };
  },
});
