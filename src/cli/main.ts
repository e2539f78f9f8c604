#!/usr/bin/env -S node --max-semi-space-size=4
// The main thread's young generation is capped (4 MB semi-spaces, as the batch threads' 8 MB young
// generation): it only reads, merges and writes, and V8's default let it hold ~30 MB more garbage
// in peak RSS (docs/development.md, "Memory"). `env -S` is GNU coreutils >= 8.30.
import { parseArgs } from 'node:util';
import { isUserFacingError } from '../errors.js';
import { COMMON_OPTIONS, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { parseFlags } from './flag-schema.js';
import { getLogger } from '../logger.js';
import { joinNegativeValues } from './negative-values.js';

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: crawlsift <command> [options]',
    '',
    'Filters web-crawl dumps into human, synthetic, uncertain and rejected shards before LLM pretraining.',
    '',
    'Commands',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run crawlsift <command> --help for its options.',
    'Exit codes: 0 ok, 1 a check failed or a threshold was breached, 2 error.',
    '',
    'Examples',
    '  crawlsift filter fixtures/sample-crawl.jsonl.gz --out out/',
    '  crawlsift filter --help',
    '',
  ].join('\n');
}

async function runCommand(command: Command, args: string[]): Promise<number> {
  const options = { ...COMMON_OPTIONS, ...command.options };
  const joined = joinNegativeValues(args, options);
  const { values, positionals } = parseArgs({
    args: joined,
    options,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(command.help);
    return 0;
  }
  if (typeof values['log-level'] === 'string') getLogger(values['log-level']);
  return command.run(parseFlags(command.flags, values), positionals, joined);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`crawlsift: unknown command ${JSON.stringify(name)}; run crawlsift --help for the list\n`);
    return 2;
  }
  const debug = rest.includes('--debug');
  try {
    return await runCommand(await entry.load(), rest);
  } catch (error) {
    if (debug) {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    } else if (isUserFacingError(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`crawlsift ${name}: ${(error as Error).message}\n`);
    } else {
      process.stderr.write(`crawlsift ${name}: unexpected error: ${(error as Error).message} (run with --debug for the stack trace)\n`);
    }
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    return typeof exitCode === 'number' ? exitCode : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`crawlsift: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
