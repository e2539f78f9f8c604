import type { Command } from '../command.js';
import { filterCommand } from './filter.js';
import { produceCommand } from './produce.js';
import { workCommand } from './work.js';
import { finalizeCommand } from './finalize.js';
import { statusCommand } from './status.js';
import { tuneCommand } from './tune.js';
import { reportCommand } from './report.js';
import { projectCommand } from './project.js';

/** Every subcommand, in the order `crawlsift --help` lists them. */
export const COMMANDS: Command[] = [filterCommand, produceCommand, workCommand, finalizeCommand, statusCommand, tuneCommand, reportCommand, projectCommand];
