// What the nesting-depth checks cost on ordinary records (on the line's text before parsing, and on the
// parsed value), against parsing them and against the whole JSONL line → item step they are part of. Rounds alternate so VM drift hits all three alike; medians are
// reported. Usage: node dist/bench/nesting-depth.js [file.jsonl ...] (default: the shared corpus files).
import { readFileSync } from 'node:fs';
import { lineToItem } from '../src/documents/record-to-document.js';
import { MAX_NESTING_DEPTH, nestsDeeperThan, textNestsDeeperThan } from '../src/documents/nesting-depth.js';
import { DEFAULT_READER_OPTIONS } from '../src/documents/types.js';

const files = process.argv.slice(2);
const inputs = files.length > 0 ? files : ['../shared/data/modern2024/train.jsonl', '../shared/data/modern/corpus.jsonl'];
const lines = inputs.flatMap((f) => readFileSync(f, 'utf8').split('\n')).filter((l) => l.trim() !== '');
const buffers = lines.map((l) => Buffer.from(l));
const parsed = lines.map((l) => JSON.parse(l) as unknown);
const source = { file: 'bench.jsonl', line: 1 };

let sink = 0;
const tasks: Record<string, () => void> = {
  'depth check on the text': () => {
    for (const line of lines) sink += textNestsDeeperThan(line, MAX_NESTING_DEPTH) ? 1 : 0;
  },
  'depth check on the value': () => {
    for (const value of parsed) sink += nestsDeeperThan(value, MAX_NESTING_DEPTH) ? 1 : 0;
  },
  'JSON.parse': () => {
    for (const line of lines) sink += JSON.parse(line) === null ? 1 : 0;
  },
  'lineToItem (decode, both checks, parse, document)': () => {
    for (const bytes of buffers) sink += lineToItem(bytes, source, DEFAULT_READER_OPTIONS).kind === 'document' ? 1 : 0;
  },
};

const ROUNDS = 15;
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, task] of Object.entries(tasks)) {
    const start = process.hrtime.bigint();
    task();
    samples[name]!.push(Number(process.hrtime.bigint() - start) / lines.length);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = Object.fromEntries(Object.entries(samples).map(([name, ns]) => [name, Math.round(median(ns)) / 1000]));
const meanChars = Math.round(lines.reduce((s, l) => s + l.length, 0) / lines.length);
process.stdout.write(
  JSON.stringify({ records: lines.length, meanChars, rounds: ROUNDS, microsecondsPerRecord: result, sink: sink > 0 }, null, 2) + '\n',
);
