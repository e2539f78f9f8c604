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
    expect(result.stderr).toBe(`crawlsift eval: ${bad}:2: field "label" is missing (expected {"text": string, "label": "human" | "synthetic", "source"?, "generator"?})\n`);
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
