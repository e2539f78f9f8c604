import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLabeledDocs } from '../../src/canaries/index.js';
import { readLabeledFile } from '../../src/classifier/labeled-data.js';
import { runCli } from '../helpers/run-cli.js';

const DEV = 'fixtures/labeled/dev-small.jsonl';
const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';

/**
 * A labeled file whose line 6 has a text of only whitespace (or only invisible characters): three
 * documents, a blank line and a whitespace-only line come before it, so "document 4" is line 6.
 */
function labeledWithEmptyText(dir: string, text: string): string {
  const docs = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const path = join(dir, `empty-${Buffer.from(text).toString('hex') || 'none'}.jsonl`);
  writeFileSync(path, [docs[0], docs[1], '', docs[2], '   ', JSON.stringify({ text, label: 'human' }), ...docs.slice(3)].join('\n') + '\n');
  return path;
}

const EMPTY_TEXTS = ['', ' \t ', '\u200b\u2060 \ufeff'];

describe('one rule for every labeled reader: a text with nothing visible is refused at its file and line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-labeled-rule-'));
  });

  it.each(EMPTY_TEXTS.map((t) => [JSON.stringify(t), t]))('readLabeledFile and readLabeledDocs refuse text %s at line 6', async (_shown, text) => {
    const path = labeledWithEmptyText(dir, text);
    const message = `${path}:6: field "text": empty or only whitespace and invisible characters`;
    await expect(readLabeledFile(path)).rejects.toMatchObject({ code: 'labeled-data-invalid', message: expect.stringContaining(message) });
    await expect(readLabeledDocs([DEV, path])).rejects.toMatchObject({ code: 'labeled-invalid', message: expect.stringContaining(message) });
  });

  it('keeps texts with something visible, also around invisible characters', async () => {
    const path = join(dir, 'visible.jsonl');
    writeFileSync(path, '{"text": "\\u200b a \\u200b", "label": "human"}\n{"text": ".", "label": "synthetic"}\n');
    expect((await readLabeledFile(path)).documents.map((d) => d.text)).toEqual(['\u200b a \u200b', '.']);
  });

  describe('every command, the same refusal (exit 2, file and line)', () => {
    let path: string;
    let out: string;
    beforeAll(async () => {
      path = labeledWithEmptyText(dir, ' \t ');
      out = join(dir, 'run');
      const filter = await runCli(['filter', SAMPLE, '--out', out, '--threads', '1']);
      expect(filter.code, filter.stderr).toBe(0);
    });

    it.each([
      ['eval', () => ['eval', path]],
      ['tune', () => ['tune', path, '--max-leak', '0.2', '--max-human-loss', '0.2']],
      ['train', () => ['train', '--data', path, '--out', join(dir, 'model'), '--epochs', '1']],
      ['filter --canaries', () => ['filter', SAMPLE, '--out', join(dir, 'canary-run'), '--canaries', path, '--threads', '1']],
      ['report --labeled', () => ['report', out, '--labeled', path, '-o', join(dir, 'report.html')]],
    ])('%s', async (_command, args) => {
      const result = await runCli(args());
      expect(result.code, result.stdout + result.stderr).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`${path}:6: field "text": empty or only whitespace and invisible characters`);
    });
  });
});
