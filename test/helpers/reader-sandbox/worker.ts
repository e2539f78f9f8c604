// Runs reader jobs for ReaderSandbox in a worker thread, so that a reader that never returns (a busy
// loop of promises starves every timer of its thread) can be stopped from outside.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { readInputs, resolveInputs } from '../../../src/documents/index.js';
import { gunzipMembers } from '../../../src/documents/gunzip-members.js';
import { unzstdFrames } from '../../../src/documents/unzstd.js';
import type { SandboxJob, SandboxReply } from './sandbox.js';

async function run(job: SandboxJob): Promise<SandboxReply> {
  try {
    if (job.kind === 'read') {
      const items = [];
      let bytesRead = 0;
      const options = { ...job.options, onRead: (n: number) => (bytesRead += n) };
      for await (const item of readInputs(await resolveInputs(job.inputs), options)) items.push(item);
      return { kind: 'read', items, bytesRead };
    }
    const decode = job.kind === 'gunzip' ? gunzipMembers : unzstdFrames;
    const data = await readFile(job.path);
    // The data in small chunks, so that framing is also read across chunk boundaries.
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let at = 0; at < data.length; at += job.chunkBytes) yield data.subarray(at, at + job.chunkBytes);
    }
    let bytes = 0;
    let pieces = 0;
    const hash = createHash('sha256');
    try {
      for await (const out of decode(chunks())) {
        bytes += out.length;
        pieces++;
        hash.update(out);
      }
      return { kind: 'decode', bytes, pieces, sha256: hash.digest('hex') };
    } catch (error) {
      const e = error as Error & { code?: string; offset?: number };
      return { kind: 'decode', bytes, pieces, sha256: hash.digest('hex'), failure: { name: e.name, code: e.code, offset: e.offset, message: e.message } };
    }
  } catch (error) {
    const e = error as Error & { code?: string };
    return { kind: 'thrown', error: { name: e.name, code: e.code, message: e.message, stack: e.stack } };
  }
}

parentPort!.on('message', (job: SandboxJob) => {
  void run(job).then((reply) => parentPort!.postMessage(reply));
});
