import { linkSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runInPty } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';

const records = () => lines(file).map((r) => ({ label: r.label, unsure: r.unsure }));
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
let dir: string;
let file: string;

describe('crawlsift label (on a pseudo-terminal)', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-label-'));
    file = join(dir, 'sample.jsonl');
    const texts = ['The council met on Tuesday.', 'Here is a concise summary of the key points.', 'I never liked rain.', 'In conclusion, it is important to note.', 'Tickets go on sale Friday.'];
    writeFileSync(file, texts.map((text, i) => JSON.stringify({ id: `d${i}`, text, source: 'example.org', score: 0.5, route: 'uncertain', label: null, origin: { file: 'c.jsonl', line: i + 1 } })).join('\n') + '\n');
  });

  it('records each key in the file: human, synthetic, unsure, back to replace a decision, quit', () => {
    const run = runInPty(['label', file], [
      { expect: 'document 1 of 5' },
      { send: 'h', expect: 'decided 1 of 5' },
      { send: 's', expect: 'decided 2 of 5' },
      { send: 'u', expect: 'decided 3 of 5' },
      { send: 'b', expect: 'now: unsure' },
      { send: 'h', expect: 'document 4 of 5' },
      { send: 'q', expect: 'saved after every key' },
    ]);
    expect(run.failedStep, run.output).toBeNull();
    expect(run.exit).toBe(0);
    expect(records()).toEqual([{ label: 'human' }, { label: 'synthetic' }, { label: 'human' }, { label: null }, { label: null }]);
    // Every other field is kept as it was.
    expect(lines(file)[0]).toMatchObject({ id: 'd0', source: 'example.org', score: 0.5, route: 'uncertain', origin: { file: 'c.jsonl', line: 1 } });
    // No alternate screen (it breaks scrollback in tmux); the text wraps to the terminal's width.
    expect(run.output).not.toContain('\u001b[?1049h');
  });

  it('resumes at the first document without a decision; unsure is a decision (skipped)', () => {
    expect(runInPty(['label', file], [{ send: 'hu', expect: 'decided 2 of 5' }, { send: 'q', expect: 'run again' }]).exit).toBe(0);
    const second = runInPty(['label', file], [
      { expect: 'document 3 of 5' },
      { send: 's', expect: 'decided 3 of 5' },
      { send: '\u0003', expect: 'saved after every key' },
    ]);
    expect(second.failedStep, second.output).toBeNull();
    expect(second.exit).toBe(0);
    expect(records()).toEqual([{ label: 'human' }, { label: null, unsure: true }, { label: 'synthetic' }, { label: null }, { label: null }]);
  });

  it('saves after every key by replacing the file whole: a killed labeler loses nothing and leaves no temporary file', () => {
    // A second name for the file as it was: a save in place would change what it shows too.
    const before = readFileSync(file, 'utf8');
    linkSync(file, join(dir, 'before.jsonl'));
    const run = runInPty(['label', file], [{ send: 'h', expect: 'decided 1 of 5' }, { send: 's', expect: 'decided 2 of 5' }], { kill: true });
    expect(run.failedStep, run.output).toBeNull();
    expect(run.signal).toBe(9);
    expect(records().slice(0, 3)).toEqual([{ label: 'human' }, { label: 'synthetic' }, { label: null }]);
    // Renamed over, not rewritten in place: a reader never sees half a file.
    expect(readFileSync(join(dir, 'before.jsonl'), 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['before.jsonl', 'sample.jsonl']);
  });

  it('wraps a long document to the terminal and scrolls it', () => {
    writeFileSync(file, JSON.stringify({ id: 'long', text: Array.from({ length: 60 }, (_, i) => `word${i}`).join(' '), label: null }) + '\n');
    const run = runInPty(['label', file], [{ expect: 'lines 1-5 of' }, { send: 'j', expect: 'lines 2-6 of' }, { send: 'q', expect: 'saved' }], { cols: 30, rows: 10 });
    expect(run.failedStep, run.output).toBeNull();
    expect(run.output).toContain('word0 word1 word2 word3 word4');
  });

  it('refuses a non-terminal with a clear message and exit 2, leaving the file alone', async () => {
    const before = readFileSync(file, 'utf8');
    const result = await runCli(['label', file], { input: 'hhh' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stdin and stdout are not a terminal/);
    expect(result.stderr).toContain('ssh -t');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
