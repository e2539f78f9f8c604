import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes `file` by repeating the lines of a labeled JSONL file (ids made unique per copy) until at
 * least `minBytes` are written. Returns the bytes and documents written.
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
  return { bytes, docs };
}
