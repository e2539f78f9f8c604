/**
 * The fastText baseline through Debian's `fasttext` command-line tool: install it when missing,
 * train a supervised classifier, score texts with predict-prob.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePredictProbLine, toFasttextText, toFasttextTrainLine } from './fasttext-format.js';

/** The baseline's settings, as the data README and issue 3 describe it. */
export interface FasttextOptions {
  /** Word n-grams up to this length. @defaultValue 2 */
  wordNgrams: number;
  /** Shortest character n-gram. @defaultValue 3 */
  minn: number;
  /** Longest character n-gram. @defaultValue 5 */
  maxn: number;
  /** Passes over the training data. @defaultValue 25 */
  epoch: number;
  /** One thread: fastText's own advice for reproducible results (hogwild updates otherwise). @defaultValue 1 */
  thread: number;
  /** @defaultValue 1 */
  seed: number;
  /** Width of the word and n-gram vectors: fastText's default 100; 10 as in Joulin et al. (2017). @defaultValue 100 */
  dim: number;
}

export const FASTTEXT_DEFAULTS: FasttextOptions = { wordNgrams: 2, minn: 3, maxn: 5, epoch: 25, thread: 1, seed: 1, dim: 100 };

/** The command lines as run, for the results file. */
export function fasttextCommand(o: FasttextOptions): string {
  return `fasttext supervised -input train.txt -output model -wordNgrams ${o.wordNgrams} -minn ${o.minn} -maxn ${o.maxn} -epoch ${o.epoch} -thread ${o.thread} -seed ${o.seed} -dim ${o.dim}; fasttext predict-prob model.bin test.txt 2`;
}

function run(cmd: string, args: string[], input?: string): string {
  const result = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

function hasFasttext(): boolean {
  return spawnSync('sh', ['-c', 'command -v fasttext'], { encoding: 'utf8' }).status === 0;
}

/** Makes sure the `fasttext` CLI is on PATH, installing Debian's package when it is not; returns its version line. */
export function ensureFasttext(log: (line: string) => void): string {
  if (!hasFasttext()) {
    log('fasttext not found: apt-get install -y fasttext');
    let install = spawnSync('apt-get', ['install', '-y', 'fasttext'], { stdio: 'inherit' });
    if (install.status !== 0) {
      // A fresh container has no package lists yet.
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      install = spawnSync('apt-get', ['install', '-y', 'fasttext'], { stdio: 'inherit' });
    }
    if (install.status !== 0 || !hasFasttext()) throw new Error('could not install fasttext (apt-get install -y fasttext); install it and rerun');
  }
  const version = spawnSync('sh', ['-c', "dpkg-query -W -f='${Version}' fasttext 2>/dev/null"], { encoding: 'utf8' }).stdout.trim();
  return version ? `Debian fasttext ${version}` : 'fasttext (version unknown)';
}

/** A trained fastText model on disk; `dispose` deletes it (with default buckets it is about 800 MB). */
export interface FasttextModel {
  bin: string;
  dispose(): void;
}

/** Trains fastText on labeled documents; files go to `dir/<name>.*`. */
export function trainFasttext(
  docs: ReadonlyArray<{ text: string; label: 'human' | 'synthetic' }>,
  dir: string,
  name: string,
  options: Partial<FasttextOptions> = {},
): FasttextModel {
  const o = { ...FASTTEXT_DEFAULTS, ...options };
  mkdirSync(dir, { recursive: true });
  const input = join(dir, `${name}.train.txt`);
  const output = join(dir, name);
  writeFileSync(input, docs.map(toFasttextTrainLine).join('\n') + '\n');
  run('fasttext', [
    'supervised', '-input', input, '-output', output,
    '-wordNgrams', String(o.wordNgrams), '-minn', String(o.minn), '-maxn', String(o.maxn),
    '-epoch', String(o.epoch), '-thread', String(o.thread), '-seed', String(o.seed), '-dim', String(o.dim), '-verbose', '0',
  ]);
  rmSync(`${output}.vec`, { force: true });
  return {
    bin: `${output}.bin`,
    dispose: () => {
      rmSync(`${output}.bin`, { force: true });
      rmSync(input, { force: true });
    },
  };
}

/** P(synthetic) per text, in input order, from `fasttext predict-prob` on stdin. */
export function predictFasttext(model: FasttextModel, texts: readonly string[]): number[] {
  // An empty line would get no prediction line and shift every later score: refuse it.
  const lines = texts.map((t, i) => {
    const line = toFasttextText(t);
    if (line === '') throw new Error(`text ${i} is empty after whitespace folding: fastText cannot score it`);
    return line;
  });
  const out = run('fasttext', ['predict-prob', model.bin, '-', '2'], lines.join('\n') + '\n').split('\n').filter((l) => l.trim() !== '');
  if (out.length !== texts.length) throw new Error(`fastText predict-prob returned ${out.length} lines for ${texts.length} texts`);
  return out.map((l) => parsePredictProbLine(l));
}
