import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinNegativeValues } from '../../src/cli/negative-values.js';
import { parseByteSize } from '../../src/cli/parse-number.js';
import { DEFAULT_READER_OPTIONS } from '../../src/documents/types.js';
import { DEFAULT_SHARD_OPTIONS } from '../../src/pipeline/output/shard-assembler.js';
import { runCli } from '../helpers/run-cli.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const TRAIN = 'fixtures/labeled/train-small.jsonl';
// Never created: each case fails before any output is written.
const OUT = join(tmpdir(), `crawlsift-flags-${process.pid}`);
// Nothing listens there: the cases with it fail before connecting.
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';
const CANARIES = 'fixtures/labeled/dev-small.jsonl';
const CANARY_RATE = 'canaries per crawl document, e.g. 0.01; leave out --canaries to run without canaries';

describe('joinNegativeValues', () => {
  const options = { low: { type: 'string' as const }, out: { type: 'string' as const, short: 'o' }, json: { type: 'boolean' as const } };
  it('joins a negative number to a flag that takes a value, nothing else', () => {
    expect(joinNegativeValues(['--low', '-0.5', 'a', '-o', '-1', '--low=-2'], options)).toEqual(['--low=-0.5', 'a', '--out=-1', '--low=-2']);
    expect(joinNegativeValues(['--low', '-.5e3', '--low', '-x', '--json', '-1', '--low', '-'], options)).toEqual(['--low=-.5e3', '--low', '-x', '--json', '-1', '--low', '-']);
    expect(joinNegativeValues(['--', '--low', '-1'], options)).toEqual(['--', '--low', '-1']);
    // Sizes and durations carry a unit.
    expect(joinNegativeValues(['--low', '-1MB', '--low', '-0.5GiB', '--low', '-5s'], options)).toEqual(['--low=-1MB', '--low=-0.5GiB', '--low=-5s']);
  });
});

describe('bad flag values exit 2 with the flag\'s own message', () => {
  it.each([
    [['filter', SAMPLE, '--out', OUT, '--low', '-0.5'], '--low must be a number between 0 and 1, got "-0.5"'],
    [['filter', SAMPLE, '--out', OUT, '--threads', '-3'], '--threads must be an integer >= 1, got "-3"'],
    [['filter', SAMPLE, '--out', OUT, '--max-doc-bytes', '-1'], '--max-doc-bytes must be a size of at least 1 byte, such as 256MB or 1GiB, got "-1"'],
    // 0 is refused as -1 is, by every command that takes the flag (filter on either executor, produce).
    [['filter', SAMPLE, '--out', OUT, '--max-doc-bytes', '0'], '--max-doc-bytes must be a size of at least 1 byte, such as 256MB or 1GiB, got "0"'],
    [['filter', SAMPLE, '--out', OUT, '--shard-size', '0'], '--shard-size must be a size of at least 1 byte, such as 256MB or 1GiB, got "0"'],
    [['filter', SAMPLE, '--out', OUT, '--shard-size', '-1MB'], '--shard-size must be a size of at least 1 byte, such as 256MB or 1GiB, got "-1MB"'],
    [['filter', SAMPLE, '--out', OUT, '--shard-size', '0.4'], '--shard-size must be a size of at least 1 byte, such as 256MB or 1GiB, got "0.4"'],
    [['filter', SAMPLE, '--out', OUT, '--max-doc-bytes', ''], '--max-doc-bytes must be a size of at least 1 byte, such as 256MB or 1GiB, got ""'],
    [['filter', SAMPLE, '--out', OUT, '--redis', UNREACHABLE_REDIS, '--shard-size', '0MB'], '--shard-size must be a size of at least 1 byte, such as 256MB or 1GiB, got "0MB"'],
    [['filter', SAMPLE, '--out', OUT, '--redis', UNREACHABLE_REDIS, '--max-doc-bytes', '0'], '--max-doc-bytes must be a size of at least 1 byte, such as 256MB or 1GiB, got "0"'],
    [['produce', SAMPLE, '--run', 'r', '--out', OUT, '--redis', UNREACHABLE_REDIS, '--shard-size', '0'], '--shard-size must be a size of at least 1 byte, such as 256MB or 1GiB, got "0"'],
    [['produce', SAMPLE, '--run', 'r', '--out', OUT, '--redis', UNREACHABLE_REDIS, '--max-doc-bytes', '0KiB'], '--max-doc-bytes must be a size of at least 1 byte, such as 256MB or 1GiB, got "0KiB"'],
    // One message for every rate out of range: above 0, the only bound.
    [['filter', SAMPLE, '--out', OUT, '--canaries', CANARIES, '--canary-rate', '-0.1'], `--canary-rate must be a number > 0 (${CANARY_RATE}), got "-0.1"`],
    [['filter', SAMPLE, '--out', OUT, '--canaries', CANARIES, '--canary-rate', '0'], `--canary-rate must be a number > 0 (${CANARY_RATE}), got "0"`],
    [['produce', SAMPLE, '--run', 'r', '--out', OUT, '--redis', UNREACHABLE_REDIS, '--canaries', CANARIES, '--canary-rate', '0'], `--canary-rate must be a number > 0 (${CANARY_RATE}), got "0"`],
    [['train', '--data', TRAIN, '--out', OUT, '--length-crops', '-1'], '--length-crops must be an integer between 0 and 20, got "-1"'],
    [['train', '--data', TRAIN, '--out', OUT, '--class-lm-folds', '21'], '--class-lm-folds must be an integer between 0 and 20, got "21"'],
    [['train', '--data', TRAIN, '--out', OUT, '--class-lm-folds', '1'], '--class-lm-folds must be 0 (no class LMs) or 2 or more'],
    [['train', '--base', 'classifiers/default', '--data', TRAIN, '--out', OUT, '--class-lm-folds', '3'], "--class-lm-folds cannot be set with --base: a fine-tune keeps its base's (it runs a fixed number of epochs and keeps the last)"],
    // The adaptation loop's commands (issue 19): sample's and train --base's flags go through their schemas too.
    [['sample', OUT, '--n', '10', '-o', join(OUT, 's.jsonl'), '--strategy', 'smart'], '--strategy must be uncertainty, stratified or random, got "smart"'],
    [['sample', OUT, '--n', '0', '-o', join(OUT, 's.jsonl')], '--n must be an integer between 1 and 1000000, got "0"'],
    [['sample', OUT, '--n', '10', '-o', join(OUT, 's.jsonl'), '--holdout', '1.5'], '--holdout must be a number between 0 and 1, got "1.5"'],
    [['train', '--base', 'classifiers/default', '--data', TRAIN, '--out', OUT, '--replay-ratio', '-1'], '--replay-ratio must be a number between 0 and 100, got "-1"'],
    [['filter', SAMPLE, '--out', OUT, '--log-level', 'loud'], '--log-level must be one of trace, debug, info, warn, error, fatal, silent, got "loud"'],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`crawlsift ${args[0]}: ${message}\n`);
  });

  it('names CRAWLSIFT_LOG_LEVEL when that is the bad level', async () => {
    const result = await runCli(['filter', SAMPLE, '--out', OUT], { env: { CRAWLSIFT_LOG_LEVEL: 'chatty' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/CRAWLSIFT_LOG_LEVEL must be one of trace, debug/);
  });
});

describe('help', () => {
  it('filter: --shard-size counts uncompressed JSON', async () => {
    const result = await runCli(['filter', '--help']);
    expect(result.stdout).toMatch(/--shard-size <size> +rotate shard parts at this much uncompressed JSON/);
  });

  it('filter: size defaults are written in the unit they are in (binary), and the line limit is told', async () => {
    const { stdout } = await runCli(['filter', '--help']);
    // The defaults are 2^20 and 2^28 bytes; "1MB" reads as 10^6 in these very flags.
    expect(parseByteSize('max-doc-bytes', /--max-doc-bytes <size> .*\(default: (\S+?)\)/.exec(stdout)![1])).toBe(DEFAULT_READER_OPTIONS.maxDocBytes);
    expect(parseByteSize('shard-size', /--shard-size <size> .*\(default: (\S+?)\)/.exec(stdout)![1])).toBe(DEFAULT_SHARD_OPTIONS.shardBytes);
    expect(stdout).toMatch(/JSONL\s+line or WARC payload longer than 4 times this is oversize too/);
  });
});
