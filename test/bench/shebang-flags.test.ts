import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shebangNodeFlags } from '../../bench/lib/measure-process.js';

describe('shebangNodeFlags', () => {
  it("reads the node flags of an `env -S node` line, as running the script as a command passes them", () => {
    expect(shebangNodeFlags('#!/usr/bin/env -S node --max-semi-space-size=4')).toEqual(['--max-semi-space-size=4']);
    expect(shebangNodeFlags('#!/usr/bin/env -S node --a=1 -b  ')).toEqual(['--a=1', '-b']);
  });

  it('finds none in a plain node shebang or in a first line that is not one', () => {
    expect(shebangNodeFlags('#!/usr/bin/env node')).toEqual([]);
    expect(shebangNodeFlags('import x from "y";')).toEqual([]);
  });

  it("is what the CLI's own first line gives: the flags the benchmarks run it with", () => {
    const first = readFileSync(new URL('../../src/cli/main.ts', import.meta.url), 'utf8').split('\n', 1)[0]!;
    expect(shebangNodeFlags(first)).toEqual(['--max-semi-space-size=4']);
  });
});
