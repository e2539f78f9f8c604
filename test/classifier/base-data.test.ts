import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBaseData, splitDescription } from '../../src/classifier/base-data.js';
import type { ModelCard } from '../../src/classifier/index.js';
import { DEV_SMALL, TRAIN_SMALL } from './helpers.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const cardWith = (files: Array<{ path: string; sha256: string; role: 'train' | 'dev' }>) => ({ training: { files: files.map((f) => ({ ...f, documents: 1 })) } }) as unknown as ModelCard;

describe('finding a model\'s data again from its card', () => {
  it('reads a whole file from the path the card records, when its bytes are the same', async () => {
    const found = await findBaseData(cardWith([{ path: TRAIN_SMALL, sha256: sha(TRAIN_SMALL), role: 'train' }, { path: DEV_SMALL, sha256: sha(DEV_SMALL), role: 'dev' }]), 'train');
    expect(found).toEqual({ inputs: [{ path: TRAIN_SMALL }], missing: [] });
  });

  it('finds a part of a file only through a known input making the same selection of the same bytes', async () => {
    const keep = (d: { id?: string | number | null }) => String(d.id).endsWith('0');
    const known = [{ path: TRAIN_SMALL, keep, selection: 'ids ending in 0 (x)' }];
    const card = cardWith([{ path: `/elsewhere/train-small.jsonl (ids ending in 0 (x))`, sha256: sha(TRAIN_SMALL), role: 'train' }]);
    expect((await findBaseData(card, 'train', known)).inputs).toEqual(known);
    const without = await findBaseData(card, 'train');
    expect(without.inputs).toEqual([]);
    expect(without.missing[0]).toContain('part of a file, and no known input selects it');
    // Same selection, other bytes: not the data the model was trained on.
    const changed = await findBaseData(cardWith([{ path: `${TRAIN_SMALL} (ids ending in 0 (x))`, sha256: sha(DEV_SMALL), role: 'train' }]), 'train', known);
    expect(changed.inputs).toEqual([]);
  });

  it('says which file is missing or changed', async () => {
    const found = await findBaseData(cardWith([{ path: '/nowhere/train.jsonl', sha256: 'a'.repeat(64), role: 'train' }, { path: TRAIN_SMALL, sha256: 'b'.repeat(64), role: 'train' }]), 'train');
    expect(found.missing).toEqual([
      '/nowhere/train.jsonl (missing, or not the file the model was trained on: sha256 aaaaaaaaaaaa)',
      `${TRAIN_SMALL} (missing, or not the file the model was trained on: sha256 bbbbbbbbbbbb)`,
    ]);
  });

  it('splits a card\'s input description at its first " (" (selections hold parentheses)', () => {
    expect(splitDescription('/d/modern/corpus.jsonl (FNV-1a(id) % 100 >= 30)')).toEqual({ path: '/d/modern/corpus.jsonl', selection: 'FNV-1a(id) % 100 >= 30' });
    expect(splitDescription('/d/detect-corpus/dev.jsonl')).toEqual({ path: '/d/detect-corpus/dev.jsonl' });
  });
});
