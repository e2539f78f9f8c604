import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassifierError, countLabels, readLabeledFile } from '../../src/classifier/index.js';
import { removeDir, tempDir, TRAIN_SMALL } from './helpers.js';

describe('labeled JSONL', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('labeled');
  });
  afterAll(() => removeDir(dir));

  it('reads the fixture with counts per label, source and generator', async () => {
    const file = await readLabeledFile(TRAIN_SMALL);
    const counts = countLabels(file.documents);
    expect(counts.human).toBe(100);
    expect(counts.synthetic).toBe(100);
    expect(Object.keys(counts.bySource).length).toBe(4);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the file and line of a bad label', async () => {
    const path = join(dir, 'bad-label.jsonl');
    await writeFile(path, '{"text":"a","label":"human"}\n{"text":"b","label":"robot"}\n');
    const error = await readLabeledFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierError);
    expect((error as ClassifierError).code).toBe('labeled-data-invalid');
    expect((error as Error).message).toContain(`${path}:2`);
    expect((error as Error).message).toContain('label');
  });

  it('passes over lines not labeled yet (label null), and documents kept for the other use', async () => {
    const path = join(dir, 'sample.jsonl');
    await writeFile(
      path,
      [
        { text: 'a', label: 'human', split: 'train' },
        { text: 'b', label: null },
        { text: 'c', label: null, unsure: true, split: 'holdout' },
        { text: 'd', label: 'synthetic', split: 'holdout' },
        { text: 'e', label: 'synthetic' },
      ].map((r) => JSON.stringify(r)).join('\n'),
    );
    const all = await readLabeledFile(path);
    expect(all.documents.map((d) => d.text)).toEqual(['a', 'd', 'e']);
    expect(all.unlabeled).toBe(2);
    const train = await readLabeledFile(path, 'train');
    expect(train.documents.map((d) => d.text)).toEqual(['a', 'e']);
    expect(train.otherUse).toBe(1);
    const measure = await readLabeledFile(path, 'measure');
    expect(measure.documents.map((d) => d.text)).toEqual(['d', 'e']);
    expect(measure.otherUse).toBe(1);
  });

  it('still refuses a line without a label field, and a split it does not know', async () => {
    const path = join(dir, 'no-label.jsonl');
    await writeFile(path, '{"text":"a"}\n');
    await expect(readLabeledFile(path)).rejects.toThrow(`${path}:1: field "label" is missing`);
    await writeFile(path, '{"text":"a","label":"human","split":"test"}\n');
    await expect(readLabeledFile(path)).rejects.toThrow(/field "split"/);
  });

  it('names the line that is not JSON', async () => {
    const path = join(dir, 'not-json.jsonl');
    await writeFile(path, '{"text":"a","label":"human"}\n\n{"text": oops}\n');
    await expect(readLabeledFile(path)).rejects.toThrow(`${path}:3: not valid JSON`);
  });
});
