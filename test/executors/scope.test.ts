// The scope guard under both executors: the sample crawl with paragraphs in 47 other languages mixed
// in, filtered locally (2 batch threads) and on the queue (2 workers, a private redis-server), with
// the real model and language identifier: the same unscored shard and counts by language.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShard } from '../helpers/shards.js';
import { runCli } from '../queue/cli.js';
import { TestRedisServer } from '../queue/redis-server.js';

let server: TestRedisServer;
let dir: string;
let input: string;
let foreign: number;

beforeAll(async () => {
  server = await TestRedisServer.start();
  dir = mkdtempSync(join(tmpdir(), 'crawlsift-scope-'));
  const sample = gunzipSync(readFileSync('fixtures/sample-crawl.jsonl.gz')).toString('utf8').split('\n').filter(Boolean);
  const paragraphs = readFileSync('fixtures/multilingual/udhr-paragraphs.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { language: string; text: string });
  // Scots and Nigerian Pidgin read as English to lid.176 (docs/scope.md): they are scored, as English.
  const others = paragraphs.filter((p) => !['en', 'sco', 'pcm'].includes(p.language)).map((p, i) => JSON.stringify({ id: `udhr-${i}-${p.language}`, text: p.text }));
  foreign = others.length;
  // Interleaved, so foreign paragraphs fall in several batches.
  const lines = sample.flatMap((line, i) => (i % 3 === 0 && others.length > 0 ? [line, others.shift()!] : [line])).concat(others);
  input = join(dir, 'mixed.jsonl');
  writeFileSync(input, lines.join('\n') + '\n');
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('the scope guard under both executors', () => {
  it('sends the other languages to unscored, the same locally and on the queue', async () => {
    const [local, queue] = [join(dir, 'local'), join(dir, 'queue')];
    const l = await runCli(['filter', input, '--out', local, '--threads', '2', '--json']);
    expect(l.code, l.stderr).toBe(0);
    const q = await runCli(['filter', input, '--out', queue, '--redis', server.url, '--workers', '2', '--batch-docs', '50', '--json']);
    expect(q.code, q.stderr).toBe(0);
    const [lm, qm] = [JSON.parse(l.stdout), JSON.parse(q.stdout)];
    // Every foreign paragraph is out of scope (lid.176 knows all these languages); of the English
    // crawl only documents shorter than the default model's scope (card.scope.minWords) go out, as too-short.
    expect(lm.unscored.byReason.language).toBe(foreign);
    expect(lm.counts.unscored).toBe(foreign + (lm.unscored.byReason['too-short'] ?? 0));
    expect(Object.keys(lm.unscored.byLanguage)).toEqual(expect.arrayContaining(['de', 'fr', 'ru', 'zh', 'ar', 'hi']));
    expect(lm.counts.read).toBe(lm.counts.human + lm.counts.synthetic + lm.counts.uncertain + lm.counts.unscored + lm.counts.rejected);
    const minWords = JSON.parse(readFileSync('classifiers/default/card.json', 'utf8')).scope.minWords;
    for (const r of readShard(local, 'unscored')) {
      const scope = (r.metadata as { crawlsift: { scope: { reason: string; words: number } } }).crawlsift.scope;
      if (String(r.id).startsWith('udhr-')) expect(scope.reason).toBe('language');
      else {
        expect(scope.reason).toBe('too-short');
        expect(scope.words).toBeLessThan(minWords);
      }
    }
    const comparable = ({ executor: _e, run: _r, batches: _b, startedAt: _s, finishedAt: _f, seconds: _x, docsPerSecond: _d, ...rest }: Record<string, unknown>) => rest;
    expect(comparable(qm)).toEqual(comparable(lm));
    for (const shard of ['human', 'synthetic', 'uncertain', 'unscored', 'rejected']) expect(readShard(queue, shard)).toEqual(readShard(local, shard));
  }, 300_000);
});
