// An edit thread (see EditThreads): applies a batch's record edits and compresses its parts.
import { ownedBytes } from '../../threads/owned-bytes.js';
import { servePool } from '../../threads/serve-pool.js';
import type { EditThreadRequest } from './edit-threads.js';
import { applyRecordEditsSync } from './record-edits.js';
import type { BatchParts } from './run-output.js';

servePool<EditThreadRequest, BatchParts>({
  async handle({ parts, edits, options }) {
    // Compressed here, not on libuv's threads: this thread has nothing else to do meanwhile.
    const out = applyRecordEditsSync(parts, edits, options);
    // Handed over, not copied (see ownedBytes).
    for (const part of Object.values(out)) part.gzip = ownedBytes(part.gzip);
    return { response: out, transfer: Object.values(out).map((part) => part.gzip.buffer as ArrayBuffer) };
  },
});
