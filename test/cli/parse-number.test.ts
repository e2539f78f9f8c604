import { describe, expect, it } from 'vitest';
import { parseByteSize, parseDuration, parseNumberFlag } from '../../src/cli/parse-number.js';

describe('parseNumberFlag', () => {
  it('parses in-range numbers and passes undefined through', () => {
    expect(parseNumberFlag('low', '0.25', { min: 0, max: 1 })).toBe(0.25);
    expect(parseNumberFlag('low', undefined)).toBeUndefined();
  });
  it('names the flag and the expectation on bad values', () => {
    expect(() => parseNumberFlag('threads', '1.5', { integer: true, min: 1 })).toThrow('--threads must be an integer >= 1, got "1.5"');
    expect(() => parseNumberFlag('low', '2', { min: 0, max: 1 })).toThrow('--low must be a number between 0 and 1, got "2"');
    expect(() => parseNumberFlag('low', '-0.5', { min: 0, max: 1 })).toThrow('--low must be a number between 0 and 1, got "-0.5"');
    expect(() => parseNumberFlag('x', '2', { max: 1 })).toThrow('--x must be a number <= 1, got "2"');
    expect(() => parseNumberFlag('low', 'abc')).toThrow(/a number/);
  });
  it('states a range open at its lower end once, for every value outside it', () => {
    expect(parseNumberFlag('rate', '0.01', { above: 0 })).toBe(0.01);
    for (const bad of ['0', '-0.1', 'x']) {
      expect(() => parseNumberFlag('rate', bad, { above: 0, meaning: 'per document' })).toThrow(`--rate must be a number > 0 (per document), got ${JSON.stringify(bad)}`);
    }
    expect(() => parseNumberFlag('p', '0', { above: 0, max: 1 })).toThrow('--p must be a number > 0 and <= 1, got "0"');
  });
});

describe('parseByteSize', () => {
  it('reads decimal and binary units', () => {
    expect(parseByteSize('s', '4096')).toBe(4096);
    expect(parseByteSize('s', '256MB')).toBe(256_000_000);
    expect(parseByteSize('s', '1MiB')).toBe(1_048_576);
    expect(parseByteSize('s', '1.5k')).toBe(1500);
  });
  it('refuses what is not a size', () => {
    expect(() => parseByteSize('shard-size', 'big')).toThrow(/--shard-size must be a size/);
  });
  it('refuses sizes under 1 byte with the same message', () => {
    for (const bad of ['0', '0MB', '0.4', '-1', '']) {
      expect(() => parseByteSize('shard-size', bad)).toThrow(`--shard-size must be a size of at least 1 byte, such as 256MB or 1GiB, got ${JSON.stringify(bad)}`);
    }
    expect(parseByteSize('shard-size', '1')).toBe(1);
    expect(parseByteSize('shard-size', '0.5KiB')).toBe(512);
  });
  it('refuses sizes past 2^53 bytes: they were Infinity, a limit never reached', () => {
    for (const bad of ['9'.repeat(400), '99999999TB']) expect(() => parseByteSize('max-doc-bytes', bad)).toThrow(`--max-doc-bytes must be a size of at most 8 PiB, got "${bad}"`);
    expect(parseByteSize('max-doc-bytes', '8TiB')).toBe(8 * 1024 ** 4);
  });
});

describe('parseDuration', () => {
  it('reads ms, s, m and h, and a bare number as seconds, into milliseconds', () => {
    expect(parseDuration('timeout', '0')).toBe(0);
    expect(parseDuration('timeout', '90')).toBe(90_000);
    expect(parseDuration('timeout', '1.5s')).toBe(1_500);
    expect(parseDuration('timeout', '250ms')).toBe(250);
    expect(parseDuration('timeout', '10m')).toBe(600_000);
    expect(parseDuration('timeout', '10min')).toBe(600_000);
    expect(parseDuration('timeout', '2h')).toBe(7_200_000);
    expect(parseDuration('timeout', undefined)).toBeUndefined();
  });
  it('refuses what is not a duration, naming the flag', () => {
    expect(() => parseDuration('timeout', 'soon')).toThrow('--timeout must be a duration such as 0, 90s, 10m or 2h, got "soon"');
    expect(() => parseDuration('timeout', '-5s')).toThrow(/--timeout must be a duration/);
  });
});
