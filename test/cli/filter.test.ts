import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/run-cli.js';
import { idsByShard, readShard } from '../helpers/shards.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-filter-'));
const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

describe('crawlsift filter (end to end)', () => {
  let out: string;
  let stdout: string;
  beforeAll(async () => {
    out = join(tmp(), 'out');
    const result = await runCli(['filter', SAMPLE, '--out', out, '--threads', '2']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    stdout = result.stdout;
  });

  it('writes the four shards and a manifest that reconciles', () => {
    const manifest = manifestOf(out);
    const { read, human, synthetic, uncertain, unscored, rejected } = manifest.counts;
    const lines = gunzipSync(readFileSync(SAMPLE)).toString('utf8').split('\n').filter(Boolean);
    expect(read).toBe(lines.length);
    expect(read).toBe(human + synthetic + uncertain + unscored + rejected);
    for (const shard of ['human', 'synthetic', 'uncertain', 'rejected']) {
      expect(readShard(out, shard)).toHaveLength(manifest.counts[shard]);
    }
    // The sample is English: what the scope guard keeps out is shorter than the default model's scope.
    const minWords = JSON.parse(readFileSync('classifiers/default/card.json', 'utf8')).scope.minWords;
    const tooShort = unscored > 0 ? readShard(out, 'unscored') : [];
    expect(tooShort).toHaveLength(unscored);
    for (const doc of tooShort) {
      const scope = (doc.metadata as { crawlsift: { scope: { reason: string; words: number } } }).crawlsift.scope;
      expect(scope.reason).toBe('too-short');
      expect(scope.words).toBeLessThan(minWords);
    }
    expect(manifest.rejectedByReason).toEqual({ 'malformed-json': 1, 'missing-text': 1, 'empty-text': 1 });
    expect(manifest.model.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.inputs).toEqual([SAMPLE]);
    expect(stdout).toMatch(/human\s+\d+/);
  });

  it('keeps input fields and adds provenance to every routed document', () => {
    const manifest = manifestOf(out);
    const ids = new Set<string>();
    for (const shard of ['human', 'synthetic', 'uncertain']) {
      for (const doc of readShard(out, shard)) {
        const meta = (doc.metadata as { crawlsift: Record<string, any> }).crawlsift;
        expect(meta.route).toBe(shard);
        expect(meta.thresholds).toEqual(manifest.thresholds);
        expect(meta.source.file).toBe(SAMPLE);
        expect(meta.source.line).toBeGreaterThan(0);
        expect(meta.score).toBeGreaterThanOrEqual(0);
        expect(meta.score).toBeLessThanOrEqual(1);
        if (shard === 'human') expect(meta.score).toBeLessThan(manifest.thresholds.low);
        if (shard === 'synthetic') expect(meta.score).toBeGreaterThanOrEqual(manifest.thresholds.high);
        expect(typeof doc.url).toBe('string');
        expect(typeof doc.text).toBe('string');
        ids.add(String(doc.id));
      }
    }
    expect(ids.size).toBe(manifest.counts.human + manifest.counts.synthetic + manifest.counts.uncertain);
  });

  it('writes rejected records with reason and location', () => {
    const rejected = readShard(out, 'rejected');
    const broken = rejected.find((r) => r.reason === 'malformed-json')!;
    expect(broken).toMatchObject({ file: SAMPLE, line: 18 });
    expect(String(broken.raw)).toContain('unterminated');
  });

  it('gives the same shards for --threads 1 as for --threads 2', async () => {
    const single = join(tmp(), 'out');
    const result = await runCli(['filter', SAMPLE, '--out', single, '--threads', '1']);
    expect(result.code).toBe(0);
    expect(idsByShard(single)).toEqual(idsByShard(out));
    expect(readShard(single, 'synthetic')).toEqual(readShard(out, 'synthetic'));
  });

  it('gives the same shards and figures in batches of 16 (--batch-docs) as in its default batches', async () => {
    const small = join(tmp(), 'out');
    const result = await runCli(['filter', SAMPLE, '--out', small, '--threads', '2', '--batch-docs', '16']);
    expect(result.code, result.stderr).toBe(0);
    for (const shard of ['human', 'synthetic', 'uncertain', 'unscored', 'rejected']) expect(readShard(small, shard)).toEqual(readShard(out, shard));
    expect(manifestOf(small).diversity).toEqual(manifestOf(out).diversity);
    expect(manifestOf(small).counts).toEqual(manifestOf(out).counts);
  });

  it('moves the thresholds: --low 0 --high 0 routes everything synthetic', async () => {
    const dir = join(tmp(), 'out');
    const result = await runCli(['filter', SAMPLE, '--out', dir, '--low', '0', '--high', '0', '--json']);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.thresholds).toEqual({ low: 0, high: 0 });
    // Every scored document: all but the rejected and those the scope guard leaves unscored.
    expect(manifest.counts.synthetic).toBe(manifest.counts.read - manifest.counts.rejected - manifest.counts.unscored);
  });

  it('refuses a non-empty output directory without --overwrite, and replaces it with', async () => {
    const refused = await runCli(['filter', SAMPLE, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not empty; pass --overwrite/);
    const again = await runCli(['filter', SAMPLE, '--out', out, '--overwrite', '--json']);
    expect(again.code).toBe(0);
    expect(readShard(out, 'human')).toHaveLength(JSON.parse(again.stdout).counts.human);
  });

  it('reads JSONL from stdin', async () => {
    const dir = join(tmp(), 'out');
    const result = await runCli(['filter', '-', '--out', dir, '--json'], { input: gunzipSync(readFileSync(SAMPLE)) });
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.counts.read).toBe(manifestOf(out).counts.read);
    expect(readShard(dir, 'rejected')[0]!.file).toBe('-');
  });

  it('exits 2 with one line when an input cannot be opened', async () => {
    const result = await runCli(['filter', 'no/such/file.jsonl', '--out', join(tmp(), 'o')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no/such/file.jsonl');
  });

  it('exits 1 when --max-rejected-fraction is exceeded, after writing everything', async () => {
    const dir = join(tmp(), 'out');
    const result = await runCli(['filter', SAMPLE, '--out', dir, '--max-rejected-fraction', '0.001']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/above --max-rejected-fraction 0.001/);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
  });

  it('exits 2 naming the flag on a bad flag value', async () => {
    const result = await runCli(['filter', SAMPLE, '--out', join(tmp(), 'o'), '--threads', 'zero']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--threads must be an integer >= 1/);
  });

  it('prints grouped help ending in examples', async () => {
    const result = await runCli(['filter', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Inputs[\s\S]*Model and routing[\s\S]*Output[\s\S]*Examples/);
  });
});

describe('crawlsift filter killed mid-run', () => {
  it('leaves no finished-looking partial shard and no manifest', async () => {
    const dir = tmp();
    const lines = gunzipSync(readFileSync(SAMPLE)).toString('utf8').split('\n').filter(Boolean);
    const big: string[] = [];
    for (let copy = 0; big.length < 30_000; copy++) {
      for (const line of lines) big.push(line.replace(/"id": ?"([^"]*)"/, `"id": "$1-${copy}"`));
    }
    const input = join(dir, 'big.jsonl.gz');
    writeFileSync(input, gzipSync(big.join('\n') + '\n'));
    const out = join(dir, 'out');
    mkdirSync(out);
    const { child, done } = startCli(['filter', input, '--out', out, '--overwrite', '--threads', '1', '--shard-size', '200KB']);
    // Kill once at least one part is finished, so the run is truly mid-way.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const finished = ['human', 'synthetic', 'uncertain'].some((s) => existsSync(join(out, s)) && readdirSync(join(out, s)).some((f) => f.endsWith('.jsonl.gz')));
        if (finished) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    const result = await done;
    expect(result.signal).toBe('SIGKILL');
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    for (const shard of ['human', 'synthetic', 'uncertain', 'rejected']) {
      for (const file of readdirSync(join(out, shard))) {
        expect(file).toMatch(/^part-\d{5}\.jsonl\.gz(\.inprogress)?$/);
        if (file.endsWith('.inprogress')) continue;
        // A finished-looking part is whole: a complete gzip stream of complete JSON lines.
        const text = gunzipSync(readFileSync(join(out, shard, file))).toString('utf8');
        expect(text.endsWith('\n')).toBe(true);
        for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
      }
    }
  });

  it('warns about the files of an input directory no reader knows, and reads the rest', async () => {
    const dir = join(tmp(), 'in');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.jsonl'), '{"text":"one document of ordinary words"}\n');
    writeFileSync(join(dir, 'b.txt'), 'not read\n');
    writeFileSync(join(dir, 'c.warc.zst'), 'not read\n');
    const result = await runCli(['filter', dir, '--out', join(tmp(), 'out'), '--threads', '1', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`crawlsift: ${dir}: skipped 2 files of no known format (${join(dir, 'b.txt')}, ${join(dir, 'c.warc.zst')}); supported: .jsonl, .ndjson, .json (optionally .gz or .zst), .warc, .wet (optionally .gz)\n`);
    expect(JSON.parse(result.stdout).counts.read).toBe(1);
  });

  it('refuses --threads with --redis instead of ignoring it', async () => {
    const result = await runCli(['filter', SAMPLE, '--out', join(tmp(), 'out'), '--redis', 'redis://127.0.0.1:1', '--threads', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("crawlsift filter: --threads is the local executor's; with --redis each of the --workers scores on its own threads (crawlsift work --concurrency)\n");
  });

  it('refuses --workers without --redis instead of ignoring it', async () => {
    const result = await runCli(['filter', SAMPLE, '--out', join(tmp(), 'out'), '--workers', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--workers needs --redis <url>/);
  });

  it.each([
    ['--run', 'r1'],
    ['--queue', 'other'],
    ['--attempts', '2'],
    ['--max-queued', '4'],
    ['--retry-delay', '10'],
  ])('refuses the queue flag %s without --redis, as --workers', async (flag, value) => {
    const out = join(tmp(), 'out');
    const result = await runCli(['filter', SAMPLE, '--out', out, flag, value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`crawlsift filter: ${flag} needs --redis <url>: it is a queue executor flag, which the local executor does not use\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a WARC record whose Content-Length is too small, with nothing on stderr', async () => {
    // The first response of the plain sample WARC claims 300 bytes less than its block holds.
    const plain = gunzipSync(readFileSync('fixtures/readers/sample.warc.gz')).toString('latin1');
    const start = plain.lastIndexOf('WARC/1.', plain.indexOf('WARC-Type: response'));
    const length = /\r\nContent-Length: (\d+)\r\n/.exec(plain.slice(start))!;
    const at = start + length.index;
    const damaged = plain.slice(0, at) + `\r\nContent-Length: ${Number(length[1]) - 300}\r\n` + plain.slice(at + length[0].length);
    const input = join(tmp(), 'short.warc');
    writeFileSync(input, Buffer.from(damaged, 'latin1'));
    const out = join(tmp(), 'out');
    const result = await runCli(['filter', input, '--out', out, '--threads', '1', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.rejectedByReason).toEqual({ 'unreadable-warc-record': 1, 'unsupported-content': 1 });
    expect(readShard(out, 'rejected')).toContainEqual(expect.objectContaining({ reason: 'unreadable-warc-record', offset: start }));
    const { read, human, synthetic, uncertain, rejected } = manifest.counts;
    expect(read).toBe(human + synthetic + uncertain + rejected);
    expect(human + synthetic + uncertain).toBe(5);
  });
});

