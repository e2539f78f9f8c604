import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabeledDocument } from '../../src/classifier/index.js';
import { defaultData } from '../../src/training/index.js';

describe('default recipe, modern2024 human originals', () => {
  it('reads a modern2024 -orig text once: dropped when detect-corpus of the same split holds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawlsift-recipe-'));
    const jsonl = (docs: object[]) => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
    mkdirSync(join(dir, 'detect-corpus'));
    writeFileSync(join(dir, 'detect-corpus', 'train.jsonl'), jsonl([{ id: 'fdg-pubmed-0001-h', text: 'Shared text.', label: 'human' }]));
    writeFileSync(join(dir, 'detect-corpus', 'dev.jsonl'), jsonl([{ id: 'fdg-pubmed-0002-h', text: 'Dev text.', label: 'human' }]));
    const d = defaultData(dir);
    const m24Train = d.train().find((i) => i.path.endsWith('modern2024/train.jsonl'))!;
    const m24Dev = d.dev().find((i) => i.path.endsWith('modern2024/dev.jsonl'))!;
    const doc = (id: string, text: string): LabeledDocument => ({ id, text, label: 'human' });
    expect(m24Train.keep!(doc('fdg-pubmed-0001-orig', 'Shared text.'))).toBe(false);
    expect(m24Train.keep!(doc('fdg-pubmed-0003-orig', 'Other text.'))).toBe(true);
    expect(m24Train.keep!(doc('fdg-pubmed-0001-imbd-polish-gpt-4o', 'Shared text.'))).toBe(true);
    expect(m24Dev.keep!(doc('fdg-pubmed-0002-orig', 'Dev text.'))).toBe(false);
    expect(m24Dev.keep!(doc('fdg-pubmed-0001-orig', 'Shared text.'))).toBe(true);
  });
});
