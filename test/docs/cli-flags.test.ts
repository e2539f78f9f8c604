// docs/cli.md lists every command's flags. It must not fall behind the commands' own option
// tables (a flag added, renamed or removed), so both are compared here: each command's section
// names every flag the command takes, and names no flag it does not take.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMON_OPTIONS } from '../../src/cli/command.js';
import { loadAllCommands } from '../../src/cli/commands/index.js';

const COMMANDS = await loadAllCommands();
const CLI_DOC = readFileSync('docs/cli.md', 'utf8');

/** The text of each `## <command>` section of docs/cli.md. */
function sections(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return found;
}

/** Long flags (`--name`) and short ones (`-o`) written in a text. */
function flagsIn(text: string): { long: Set<string>; short: Set<string> } {
  return {
    long: new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!)),
    short: new Set([...text.matchAll(/(?<![\w-])-([a-z])(?![\w-])/g)].map((m) => m[1]!)),
  };
}

const SECTIONS = sections(CLI_DOC);

describe('docs/cli.md', () => {
  it('has a section for every command', () => {
    expect(COMMANDS.map((c) => c.name).filter((name) => !SECTIONS.has(name))).toEqual([]);
  });

  for (const command of COMMANDS) {
    it(`lists every flag of ${command.name}, and only those`, () => {
      const section = SECTIONS.get(command.name) ?? '';
      const written = flagsIn(section);
      const longs = Object.keys(command.options);
      const shorts = Object.values(command.options).flatMap((o) => (o.short ? [o.short] : []));
      expect(longs.filter((flag) => !written.long.has(flag)), 'flags missing from the section').toEqual([]);
      expect(shorts.filter((flag) => !written.short.has(flag)), 'short flags missing from the section').toEqual([]);
      const known = new Set([...longs, ...Object.keys(COMMON_OPTIONS)]);
      expect([...written.long].filter((flag) => !known.has(flag)), 'flags the command does not take').toEqual([]);
    });
  }

  it('documents the flags every command takes', () => {
    for (const flag of Object.keys(COMMON_OPTIONS)) expect(CLI_DOC).toContain(`--${flag}`);
  });
});
