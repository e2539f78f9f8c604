import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinNegativeValues } from '../../src/cli/negative-values.js';
import { runCli } from '../helpers/run-cli.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const TRAIN = 'fixtures/labeled/train-small.jsonl';
// Never created: each case fails before any output is written.
const OUT = join(tmpdir(), `crawlsift-flags-${process.pid}`);

describe('joinNegativeValues', () => {
  const options = { low: { type: 'string' as const }, out: { type: 'string' as const, short: 'o' }, json: { type: 'boolean' as const } };
  it('joins a negative number to a flag that takes a value, nothing else', () => {
    expect(joinNegativeValues(['--low', '-0.5', 'a', '-o', '-1', '--low=-2'], options)).toEqual(['--low=-0.5', 'a', '--out=-1', '--low=-2']);
    expect(joinNegativeValues(['--low', '-.5e3', '--low', '-x', '--json', '-1', '--low', '-'], options)).toEqual(['--low=-.5e3', '--low', '-x', '--json', '-1', '--low', '-']);
    expect(joinNegativeValues(['--', '--low', '-1'], options)).toEqual(['--', '--low', '-1']);
  });
});

describe('bad flag values exit 2 with the flag\'s own message', () => {
  it.each([
    [['filter', SAMPLE, '--out', OUT, '--low', '-0.5'], '--low must be a number between 0 and 1, got "-0.5"'],
    [['filter', SAMPLE, '--out', OUT, '--threads', '-3'], '--threads must be an integer >= 1, got "-3"'],
    [['filter', SAMPLE, '--out', OUT, '--max-doc-bytes', '-1'], '--max-doc-bytes must be a size such as 256MB or 1GiB, got "-1"'],
    [['train', '--data', TRAIN, '--out', OUT, '--length-crops', '-1'], '--length-crops must be an integer between 0 and 20, got "-1"'],
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
});
