import type { OptionSpecs } from './command.js';

// A negative number, optionally with a unit (`-1MB`, `-5s`): never an option, which is `-` and a letter.
const NUMBER = /^-(\d+\.?\d*|\.\d+)(e[-+]?\d+)?[a-z]*$/i;

/**
 * Joins `--flag -0.5` into `--flag=-0.5` (and `-o -1` into `--out=-1`, `--shard-size -1MB` into
 * `--shard-size=-1MB`) for flags that take a value, so that parseArgs does not refuse a negative
 * number as an "ambiguous" option and the flag's own validation can say what range it accepts.
 * Stops at `--`.
 */
export function joinNegativeValues(args: readonly string[], options: OptionSpecs): string[] {
  const takesValue = (name: string) => options[name]?.type === 'string';
  const longOf = (short: string) => Object.entries(options).find(([, spec]) => spec.short === short)?.[0];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : /^-[^-]$/.test(arg) ? longOf(arg.slice(1)) : undefined;
    const next = args[i + 1];
    if (name !== undefined && !name.includes('=') && takesValue(name) && next !== undefined && NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}
