// The throughput floor for `crawlsift filter`: the same input read and parsed by the same readers and
// written back as gzip JSONL by the same shard writer, with no scoring. Usage: node dist/bench/floor.js <input> <outDir>
import { join } from 'node:path';
import { readInputs, resolveInputs } from '../src/documents/index.js';
import { DEFAULT_READER_OPTIONS } from '../src/documents/types.js';
import { prepareOutputDir } from '../src/pipeline/output-dir.js';
import { ShardWriter } from '../src/pipeline/shard-writer.js';

const [input, outDir] = process.argv.slice(2);
if (!input || !outDir) throw new Error('usage: floor <input> <outDir>');
await prepareOutputDir(outDir, true);
const kept = new ShardWriter(join(outDir, 'human'));
const rejected = new ShardWriter(join(outDir, 'rejected'));
let read = 0;
for await (const item of readInputs(await resolveInputs([input]), DEFAULT_READER_OPTIONS)) {
  read += 1;
  if (item.kind === 'document') await kept.write(item.document.record);
  else await rejected.write(item.rejected);
}
await kept.close();
await rejected.close();
process.stdout.write(JSON.stringify({ read }) + '\n');
