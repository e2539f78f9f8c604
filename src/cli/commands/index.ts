import type { Command } from '../command.js';
import { filterCommand } from './filter.js';

/** Every subcommand, in the order `crawlsift --help` lists them. */
export const COMMANDS: Command[] = [filterCommand];
