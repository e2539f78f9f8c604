import { UsageError } from '../../errors.js';
import { z } from 'zod';
import { defineCommand } from '../command.js';
import { runLabeler } from '../terminal-labeler.js';

const HELP = `Usage: crawlsift label <sample.jsonl>

Shows the documents of a sample (from crawlsift sample) one at a time, wrapped to the terminal,
with its source and a running count, and records what you decide in the file itself: label
human or synthetic, or unsure (label stays null, unsure: true; never trained on). The file is
saved after every key (written whole under a temporary name, then renamed), so quitting or a
dropped connection loses nothing, and running label again resumes at the first document without
a decision. The run's score is not shown, so as not to sway you.

Keys
  h                         human
  s                         synthetic
  u or space                unsure: skip it
  b, Left or Backspace      back to the previous document (a new key replaces its decision)
  n or Right                next document, keeping this one's decision
  j k, Down Up, PgDn PgUp   scroll a long document
  q or Ctrl-C               quit (everything is saved already)

Needs a terminal: works over SSH (ssh -t) and in tmux or screen; refuses a pipe or a script.

Exit codes: 0 quit, 2 error (not a terminal, a file that is not a sample).

Examples
  crawlsift label sample.jsonl
  ssh -t gpu-box 'cd crawl && npx crawlsift label sample.jsonl'
`;

export const labelCommand = defineCommand({
  name: 'label',
  help: HELP,
  options: {},
  flags: z.object({}),
  async run(_flags, positionals) {
    if (positionals.length !== 1) throw new UsageError('label needs exactly one sample file (from crawlsift sample), e.g. crawlsift label sample.jsonl');
    await runLabeler(positionals[0]!);
    return 0;
  },
});
