// The throughput floor for `crawlsift filter`: the same input read and parsed by the same readers and
// written back as gzip JSONL, one gzip stream per shard, with no scoring or routing. Usage: node dist/bench/floor.js <input> <outDir>
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { readInputs, resolveInputs } from '../src/documents/index.js';
import { DEFAULT_READER_OPTIONS } from '../src/documents/types.js';

const [input, outDir] = process.argv.slice(2);
if (!input || !outDir) throw new Error('usage: floor <input> <outDir>');
await mkdir(outDir, { recursive: true });

function gzipWriter(path: string) {
  const gzip = createGzip();
  const file = createWriteStream(path);
  gzip.pipe(file);
  return {
    async write(record: unknown) {
      if (!gzip.write(JSON.stringify(record) + '\n')) await once(gzip, 'drain');
    },
    async close() {
      const closed = once(file, 'close');
      gzip.end();
      await closed;
    },
  };
}

const kept = gzipWriter(join(outDir, 'kept.jsonl.gz'));
const rejected = gzipWriter(join(outDir, 'rejected.jsonl.gz'));
let read = 0;
for await (const item of readInputs(await resolveInputs([input]), DEFAULT_READER_OPTIONS)) {
  read += 1;
  if (item.kind === 'document') await kept.write(item.document.record);
  else await rejected.write(item.rejected);
}
await kept.close();
await rejected.close();
process.stdout.write(JSON.stringify({ read }) + '\n');
