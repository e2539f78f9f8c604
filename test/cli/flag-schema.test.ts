import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadAllCommands } from '../../src/cli/commands/index.js';
import { backendFlag, byteSizeFlag, choiceFlag, durationFlag, numberFlag, parseFlags, switchFlag, textFlag, textsFlag } from '../../src/cli/flag-schema.js';

describe('each command\'s flag schema', () => {
  it('reads exactly the flags its options declare', async () => {
    for (const command of await loadAllCommands()) {
      const shape = (command.flags as z.ZodObject).shape;
      expect(Object.keys(shape).sort(), command.name).toEqual(Object.keys(command.options).sort());
    }
  });
});

describe('parseFlags', () => {
  const schema = z.object({
    low: numberFlag({ min: 0, max: 1 }),
    threads: numberFlag({ integer: true, min: 1 }),
    'shard-size': byteSizeFlag(),
    timeout: durationFlag(),
    backend: backendFlag(),
    criterion: choiceFlag(['observed', 'upper-bound']),
    'select-by': choiceFlag(['auroc', 'loss'], (got) => `must be auroc or loss (got ${got})`),
    out: textFlag(),
    data: textsFlag(),
    json: switchFlag(),
  });

  it('gives each flag its value, absent ones undefined, and drops flags it does not name', () => {
    const flags = parseFlags(schema, { low: '0.25', threads: '4', 'shard-size': '1MiB', timeout: '2m', backend: 'wasm', data: ['a', 'b'], json: true, help: false, debug: true });
    expect(flags).toEqual({ low: 0.25, threads: 4, 'shard-size': 1_048_576, timeout: 120_000, backend: 'wasm', data: ['a', 'b'], json: true });
  });

  it.each([
    [{ low: '2' }, '--low must be a number between 0 and 1, got "2"'],
    [{ threads: '1.5' }, '--threads must be an integer >= 1, got "1.5"'],
    [{ 'shard-size': '0' }, '--shard-size must be a size of at least 1 byte, such as 256MB or 1GiB, got "0"'],
    [{ timeout: 'soon' }, '--timeout must be a duration such as 0, 90s, 10m or 2h, got "soon"'],
    [{ backend: 'gpu' }, '--backend must be auto, tensorflow, wasm or cpu, got "gpu"'],
    [{ criterion: 'best' }, '--criterion must be observed or upper-bound, got "best"'],
    [{ 'select-by': 'accuracy' }, '--select-by must be auroc or loss (got "accuracy")'],
    // Two bad flags: the first in the schema's order is named.
    [{ threads: '0', low: '-1' }, '--low must be a number between 0 and 1, got "-1"'],
  ])('refuses %j: %s', (values, message) => {
    expect(() => parseFlags(schema, values)).toThrow(message);
    expect(() => parseFlags(schema, values)).toThrow(expect.objectContaining({ code: 'usage', exitCode: 2 }));
  });
});
