import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLabeledFile } from '../../src/classifier/labeled-data.js';

// The labeled-data reader every CLI command uses (train, eval, tune, --canaries, report --labeled).
const DEV = 'fixtures/labeled/dev-small.jsonl';
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-labeled-'));

describe('readLabeledFile', () => {
  it('reads gzip-compressed JSONL (whatever the name) as the plain file, with the same hash', async () => {
    const dir = tmp();
    const gz = join(dir, 'dev.jsonl.gz');
    const unnamed = join(dir, 'dev-compressed');
    writeFileSync(gz, gzipSync(readFileSync(DEV)));
    writeFileSync(unnamed, gzipSync(readFileSync(DEV)));
    const plain = await readLabeledFile(DEV);
    for (const path of [gz, unnamed]) {
      const zipped = await readLabeledFile(path);
      expect(zipped.documents).toEqual(plain.documents);
      expect(zipped.sha256).toBe(plain.sha256);
    }
  });

  it('says a truncated gzip file is not whole', async () => {
    const path = join(tmp(), 'cut.jsonl.gz');
    const whole = gzipSync(readFileSync(DEV));
    writeFileSync(path, whole.subarray(0, whole.length - 50));
    await expect(readLabeledFile(path)).rejects.toThrow(`cannot read labeled data ${path}: not a whole gzip file`);
  });

  it.each([
    ['{"text": "a"}', 'field "label" is missing (expected {"text": string, "label": "human" | "synthetic"'],
    ['{"label": "human"}', 'field "text" is missing'],
    ['{"text": "a", "label": "robot"}', 'field "label": Invalid option: expected one of "human"|"synthetic", got "robot"'],
    ['{"text": 3, "label": "human"}', 'field "text": Invalid input: expected string, received number, got 3'],
    ['[1, 2]', 'line: Invalid input: expected object, received array'],
  ])('names the line and what is wrong: %s', async (line, message) => {
    const path = join(tmp(), 'bad.jsonl');
    writeFileSync(path, `{"text": "fine", "label": "human"}\n${line}\n`);
    await expect(readLabeledFile(path)).rejects.toThrow(`${path}:2: ${message}`);
  });
});
