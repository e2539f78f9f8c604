import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { trainDetector, type TrainDetectorOptions } from '../../src/classifier/index.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/labeled');
export const TRAIN_SMALL = join(FIXTURES, 'train-small.jsonl');
export const DEV_SMALL = join(FIXTURES, 'dev-small.jsonl');

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `crawlsift-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function copyDir(from: string, prefix: string): Promise<string> {
  const to = await tempDir(prefix);
  await cp(from, to, { recursive: true });
  return to;
}

/** A tiny training run on the fixtures: seconds, not minutes. */
export async function trainSmall(out: string, overrides: Partial<TrainDetectorOptions> = {}) {
  return trainDetector({
    data: [TRAIN_SMALL],
    dev: DEV_SMALL,
    out,
    epochs: 2,
    batchSize: 32,
    progressBar: false,
    createdAt: '2000-01-01T00:00:00.000Z',
    ...overrides,
  });
}
