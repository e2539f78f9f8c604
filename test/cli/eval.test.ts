import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildEvalResult } from '../../src/evaluation/eval-result.js';
import { runCli } from '../helpers/run-cli.js';

const LABELED = 'fixtures/labeled/report-small.jsonl';
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-eval-'));

// Each case spawns the CLI, which loads tfjs and the model: generous limits for a loaded machine.
describe('crawlsift eval (end to end, shipped default model)', { timeout: 180_000 }, () => {
  it('prints a readable table with overall, per-source and per-generator rows', async () => {
    const result = await runCli(['eval', LABELED]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^all\s+96\s+\d\.\d{3}\s/m);
    expect(result.stdout).toMatch(/^source xsum-bbc-news\s+\d+\s/m);
    expect(result.stdout).toMatch(/^generator \S.*\s\d\.\d{3}\s/m);
    expect(result.stdout).toMatch(/labeled human\s+\d+\s+\d+\s+\d+/);
    expect(result.stdout).toContain('model default (');
  });

  it('--report writes a self-contained HTML page holding the ROC curve and histogram data', async () => {
    const file = join(tmp(), 'eval.html');
    const result = await runCli(['eval', LABELED, '--json', '--threads', '2', '--report', file]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    const specs = JSON.parse(/<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(html)![1]!);
    const roc = specs.find((s: { id: string }) => s.id === 'eval-roc');
    expect(roc.config.data.datasets[0].data.length).toBeGreaterThan(2);
    expect(specs.some((s: { id: string }) => s.id === 'eval-hist-labels')).toBe(true);
    expect(html).toContain(`AUROC ${json.auroc.toFixed(3)}`);
  });

  it('scores the same with several threads as with one', async () => {
    const one = JSON.parse((await runCli(['eval', LABELED, '--json'])).stdout);
    const two = JSON.parse((await runCli(['eval', LABELED, '--json', '--threads', '2'])).stdout);
    expect(two).toEqual(one);
  });

  it.each([
    [['eval'], /at least one labeled JSONL file/],
    [['eval', 'missing.jsonl'], /cannot read labeled data missing\.jsonl/],
    [['eval', LABELED, '--threads', '0'], /--threads must be an integer between 1 and 256/],
    [['eval', LABELED, '--model', 'fixtures'], /cannot read model card/],
  ])('%j exits 2 with one line', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  describe('--scope: only the labeled documents filter would score', () => {
    // report-small.jsonl (96 English documents of 28 words or more) with a German human paragraph
    // and a short English synthetic document among them.
    const GERMAN = readFileSync('fixtures/multilingual/udhr-paragraphs.jsonl', 'utf8')
      .split('\n')
      .map((line) => (line ? JSON.parse(line) : null))
      .find((d) => d?.language === 'de').text;
    const SHORT = 'Sure! Here is a brief summary of the news article you asked for, in plain words.';
    function mixedFile(): string {
      const lines = readFileSync(LABELED, 'utf8').trim().split('\n');
      lines.splice(30, 0, JSON.stringify({ text: SHORT, label: 'synthetic', source: 'chat', generator: 'chat' }));
      lines.unshift(JSON.stringify({ text: GERMAN, label: 'human', source: 'udhr' }));
      const path = join(tmp(), 'mixed.jsonl');
      writeFileSync(path, lines.join('\n') + '\n');
      return path;
    }

    it('--min-words implies it: the figures are those of the documents in scope, the rest counted in unscored', async () => {
      const mixed = mixedFile();
      const [scoped, everything, alone] = await Promise.all([
        runCli(['eval', mixed, '--min-words', '20', '--json']),
        runCli(['eval', mixed, '--json']),
        runCli(['eval', LABELED, '--json']),
      ]);
      expect(scoped.stderr).toBe('');
      expect(scoped.code).toBe(0);
      const { unscored, ...figures } = JSON.parse(scoped.stdout);
      expect(unscored).toEqual({ scope: { languages: ['en'], minWords: 20 }, documents: 2, synthetic: 1, human: 1, tooShort: 1, byLanguage: { de: 1 } });
      expect(figures.n).toBe(96);
      expect(Object.keys(figures.bySource)).not.toContain('udhr');
      // The two left out change nothing: every figure is the one of report-small.jsonl alone.
      expect(figures).toEqual(JSON.parse(alone.stdout));
      // Without --scope (or --languages, --min-words) every labeled document is measured, as before.
      const all = JSON.parse(everything.stdout);
      expect(all.n).toBe(98);
      expect(all).not.toHaveProperty('unscored');
      expect(Object.keys(all.bySource)).toContain('udhr');
    });

    it('--scope takes the card\'s scope; --languages implies it, in the table, on threads and in the report notes', async () => {
      const mixed = mixedFile();
      const file = join(tmp(), 'eval.html');
      const [json, table] = await Promise.all([
        runCli(['eval', mixed, '--scope', '--json']),
        runCli(['eval', mixed, '--languages', 'en', '--threads', '2', '--report', file]),
      ]);
      expect(json.code).toBe(0);
      const result = JSON.parse(json.stdout);
      // The shipped card's scope: English, 48+ words; report-small.jsonl has shorter documents too.
      expect(result.unscored).toMatchObject({ scope: { languages: ['en'], minWords: 48 }, byLanguage: { de: 1 } });
      expect(result.unscored.tooShort).toBeGreaterThan(1);
      expect(result.n + result.unscored.documents).toBe(98);
      expect(Object.keys(result).slice(0, 3)).toEqual(['model', 'n', 'unscored']);

      expect(table.stderr).toBe('');
      expect(table.code).toBe(0);
      const left = result.unscored;
      const line = `scope: en, 48+ words; left out ${left.documents} labeled documents filter would leave unscored (${left.synthetic} synthetic, ${left.human} human; ${left.tooShort} too short; by language: de 1)`;
      expect(table.stdout.startsWith(`${line}\n\n`)).toBe(true);
      expect(table.stdout).toMatch(new RegExp(`^all\\s+${result.n}\\s+${result.auroc.toFixed(3)}\\s`, 'm'));
      expect(readFileSync(file, 'utf8')).toContain(`${result.n} labeled documents from ${mixed}; ${line}`);
    });

    it('refuses, exit 2, when the scope leaves one class only', async () => {
      const mixed = mixedFile();
      const result = await runCli(['eval', mixed, '--languages', 'de']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'crawlsift eval: eval needs labeled documents of both classes: got 0 synthetic and 1 human (97 of the 98 left out as filter would leave them unscored: see --languages and --min-words)\n',
      );
    });
  });

  it('evaluates gzip-compressed labeled JSONL as the plain file', async () => {
    const gz = join(tmp(), 'labeled.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(LABELED)));
    const [plain, zipped] = await Promise.all([runCli(['eval', LABELED, '--json']), runCli(['eval', gz, '--json'])]);
    expect(zipped.stderr).toBe('');
    expect(zipped.code).toBe(0);
    expect(JSON.parse(zipped.stdout)).toEqual(JSON.parse(plain.stdout));
  });

  it('refuses a --report it cannot write before evaluating anything', async () => {
    const file = join(tmp(), 'nodir', 'eval.html');
    const result = await runCli(['eval', LABELED, '--report', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^crawlsift eval: cannot write --report .*nodir\/eval\.html: directory .*nodir does not exist\n$/);
    // Nothing was scored: the table is printed before the report is written.
    expect(result.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
  });

  it('says a labeled record without a label misses it, and which labels there are', async () => {
    const bad = join(tmp(), 'no-label.jsonl');
    writeFileSync(bad, '{"text": "ok", "label": "human"}\n{"text": "no label here"}\n');
    const result = await runCli(['eval', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`crawlsift eval: ${bad}:2: field "label" is missing (expected {"text": string, "label": "human" | "synthetic" | null, "source"?, "generator"?, "split"?: "train" | "holdout"})\n`);
  });

  it('names the file and line of an invalid labeled record', async () => {
    const bad = join(tmp(), 'bad.jsonl');
    writeFileSync(bad, '{"text": "ok", "label": "human"}\n{"text": "x", "label": "robot"}\n');
    const result = await runCli(['eval', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^crawlsift eval: ${bad}:2: field "label": .*, got "robot"`));
  });
});

describe('buildEvalResult', () => {
  it('counts routes at the thresholds overall, per source and per generator', () => {
    const docs = [
      { label: 'human', source: 'a' },
      { label: 'human', source: 'b' },
      { label: 'synthetic', source: 'a', generator: 'g1' },
      { label: 'synthetic', source: 'b', generator: 'g2' },
    ] as const;
    const r = buildEvalResult(docs, [0.1, 0.5, 0.9, 0.3], { name: 'm', hash: 'h', thresholds: { low: 0.2, high: 0.8 } });
    expect(r.confusion).toEqual({ human: { human: 1, uncertain: 1, synthetic: 0 }, synthetic: { human: 0, uncertain: 1, synthetic: 1 } });
    expect(r.auroc).toBe(0.75);
    expect(r.bySource.a!.confusion).toEqual({ human: { human: 1, uncertain: 0, synthetic: 0 }, synthetic: { human: 0, uncertain: 0, synthetic: 1 } });
    expect(r.byGenerator.g2!).toMatchObject({ n: 3, nHuman: 2, nSynthetic: 1 });
    expect(r.byGenerator.g2!.confusion.synthetic).toEqual({ human: 0, uncertain: 1, synthetic: 0 });
  });
});
