import { closeSync, createWriteStream, fsyncSync, openSync, readFileSync } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes `file` by repeating the lines of a labeled JSONL file (ids made unique per copy) until at
 * least `minBytes` are written, and flushes it to disk before returning: the kernel otherwise writes
 * a fresh input back ~30 s later, during whichever timed run is going then (after writing 500 MB of
 * inputs, 488 MB were still dirty at the first run's start; two runs right after took 17.6 and 19.1 s,
 * two after a `sync` 17.9 and 17.7 s). Returns the bytes and documents written.
 */
export async function writeRepeatedCorpus(source: string, file: string, minBytes: number): Promise<{ bytes: number; docs: number }> {
  const lines = readFileSync(source, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const out = createWriteStream(file);
  let bytes = 0;
  let docs = 0;
  for (let copy = 0; bytes < minBytes; copy++) {
    for (const record of lines) {
      const line = JSON.stringify({ ...record, id: `${String(record.id)}-r${copy}` }) + '\n';
      bytes += Buffer.byteLength(line);
      docs += 1;
      if (!out.write(line)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'close');
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { bytes, docs };
}
