import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** One `crawlsift <name>` subcommand: its flags, its `--help` text, and what it does. */
export interface Command<Flags = unknown> {
  name: string;
  /** The whole `--help` text: usage, grouped options, examples. */
  help: string;
  /** The flags as `node:util` parseArgs takes them. */
  options: OptionSpecs;
  /** What the flags' values must be: parseArgs' values go through it before {@link run}; one key per option. */
  flags: z.ZodType<Flags>;
  /** Runs the command; resolves to the exit code (0 ok, 1 a check failed, 2 error). */
  run(flags: Flags, positionals: string[]): Promise<number>;
}

/** Flags every command takes. */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  'log-level': { type: 'string' },
};

/** A command whose `run` takes its flags as its schema gives them: `defineCommand({ ..., flags: z.object({...}), run(flags) {...} })`. */
export function defineCommand<Flags>(command: Command<Flags>): Command<Flags> {
  return command;
}
