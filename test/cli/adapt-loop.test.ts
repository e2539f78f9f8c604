import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInPty, type PtyStep } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';

const CRAWL = 'fixtures/sample-crawl.jsonl.gz';
const REPLAY = 'fixtures/labeled/train-small.jsonl';
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

/**
 * The fixture crawl's documents come from labeled corpora; their URLs keep the corpus id: an `h`
 * part marks human text (`xsum-0001-h`, `detectrl-xsum-h-0001`), any other id machine text
 * (`xsum-0001-s`, `detectrl-xsum-chatgpt-direct-prompt-0002`). The keys a person reading them would press.
 */
function truthById(): Map<string, 'human' | 'synthetic'> {
  const truth = new Map<string, 'human' | 'synthetic'>();
  for (const line of gunzipSync(readFileSync(CRAWL)).toString('utf8').split('\n')) {
    let record: { id?: string; url?: string };
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    const id = record.url?.split('/').pop();
    if (record.id && id) truth.set(record.id, /(^|-)h(-|$)/.test(id) ? 'human' : 'synthetic');
  }
  return truth;
}

describe('the adaptation loop end to end: filter, sample, label, train --base, tune, filter', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-loop-'));
  });

  it('runs the six commands of the README on the fixture crawl', async () => {
    const run1 = join(dir, 'run1');
    expect((await runCli(['filter', CRAWL, '--out', run1, '--threads', '1'])).code).toBe(0);

    const sample = join(dir, 'sample.jsonl');
    const sampled = await runCli(['sample', run1, '--n', '60', '--holdout', '0.5', '-o', sample]);
    expect(sampled.code, sampled.stderr).toBe(0);

    // A person labels every document but one in ten, which they skip as unsure.
    const truth = truthById();
    const keys = lines(sample).map((r, i) => (i % 10 === 9 ? 'u' : truth.get(r.id) === 'human' ? 'h' : 's'));
    const steps: PtyStep[] = [{ expect: 'document 1 of 60' }, ...keys.map((key, i) => ({ send: key, expect: `decided ${i + 1} of 60` })), { send: 'q', expect: 'saved after every key' }];
    const labeled = runInPty(['label', sample], steps);
    expect(labeled.failedStep, labeled.output.slice(-2000)).toBeNull();
    const records = lines(sample);
    expect(records.filter((r) => r.label !== null)).toHaveLength(54);
    for (const r of records.filter((r) => r.label !== null)) expect(r.label).toBe(truth.get(r.id));
    const trainDocs = records.filter((r) => r.label !== null && r.split === 'train');
    const holdoutDocs = records.filter((r) => r.label !== null && r.split === 'holdout');

    const model = join(dir, 'mine');
    const trained = await runCli(['train', '--base', 'classifiers/default', '--data', sample, '--replay', REPLAY, '--out', model, '--epochs', '2', '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    const card = JSON.parse(trained.stdout);
    expect(card.lineage.newData.documents).toBe(trainDocs.length);
    expect(card.lineage.base.name).toBe('default');
    // Trained on the sample's train part only; its held-out part calibrated it and set the default thresholds.
    expect(card.training.dev.human + card.training.dev.synthetic).toBe(holdoutDocs.length);

    const thresholds = join(dir, 'thresholds.json');
    const tuned = await runCli(['tune', sample, '--model', model, '--max-leak', '0.2', '--max-human-loss', '0.2', '--out', thresholds, '--force']);
    expect([0, 1]).toContain(tuned.code);
    expect(tuned.stderr).toContain(`${holdoutDocs.length} labeled documents used; passed over ${records.filter((r) => r.split === 'train' && r.label !== null).length} marked split: train`);
    const chosen = JSON.parse(readFileSync(thresholds, 'utf8'));
    expect(chosen.model.hash).toBe(card.modelHash);

    const run2 = join(dir, 'run2');
    const filtered = await runCli(['filter', CRAWL, '--out', run2, '--model', model, '--thresholds', thresholds, '--canaries', sample, '--canary-rate', '0.1', '--threads', '1', '--json']);
    expect(filtered.code, filtered.stderr).toBe(0);
    const manifest = JSON.parse(filtered.stdout);
    expect(manifest.model.hash).toBe(card.modelHash);
    expect(manifest.thresholds).toEqual(chosen.thresholds);
    // The held-out half of the sample served as canaries: drawn from the crawl itself, never trained on.
    expect(manifest.canaries.human.n + manifest.canaries.synthetic.n).toBe(24);
    expect(filtered.stderr).toContain('marked split: train');
  }, 600_000);
});
