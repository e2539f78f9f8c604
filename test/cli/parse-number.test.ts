import { describe, expect, it } from 'vitest';
import { parseByteSize, parseNumberFlag } from '../../src/cli/parse-number.js';

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
});
