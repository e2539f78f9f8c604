import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createScopeGuard, type ScopeDecision } from '../../src/scope/index.js';
import { paragraph } from './fixtures.js';

/** Runs a scope guard in a fresh worker thread (as a pipeline's pool thread would) and returns its decisions. */
function checkInThread(texts: string[]): Promise<ScopeDecision[]> {
  const entry = new URL('../../src/scope/index.ts', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import('tsx/esm/api')
      .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })
      .then(async (scope) => {
        const guard = await scope.createScopeGuard({ languages: ['en'], minWords: 24 });
        parentPort.postMessage(workerData.map((t) => guard.check(t)));
      })
      .catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: texts });
    worker.once('message', (m: ScopeDecision[] | { error: string }) => {
      void worker.terminate();
      if ('error' in m) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

describe('the scope guard in a worker thread', () => {
  it('loads its own model in the thread and decides as the main thread does', async () => {
    const texts = [paragraph('eng'), paragraph('deu_1996'), paragraph('srp_cyrl'), 'Too short to judge.', ''];
    const guard = await createScopeGuard({ languages: ['en'], minWords: 24 });
    const inThread = await checkInThread(texts);
    expect(inThread).toEqual(texts.map((t) => guard.check(t)));
    expect(inThread.map((d) => d.inScope)).toEqual([true, false, false, false, false]);
  });
});
