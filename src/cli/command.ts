import type { ParseArgsConfig } from 'node:util';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** One `crawlsift <name>` subcommand: its flags, its `--help` text, and what it does. */
export interface Command {
  name: string;
  /** The whole `--help` text: usage, grouped options, examples. */
  help: string;
  options: OptionSpecs;
  /**
   * Runs the command; resolves to the exit code (0 ok, 1 a check failed, 2 error). `args` are the
   * arguments as parsed, for a command whose flag splits the positionals (`stats --compare`).
   */
  run(values: Record<string, unknown>, positionals: string[], args: readonly string[]): Promise<number>;
}

/** Flags every command takes. */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  'log-level': { type: 'string' },
};
