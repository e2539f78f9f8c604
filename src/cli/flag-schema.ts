import { z } from 'zod';
import { BACKENDS } from '../classifier/backend-name.js';
import { UsageError } from '../errors.js';
import { readByteSize, readDuration, readNumber, type FlagReading, type NumberRule } from './parse-number.js';

// Schemas for the values `node:util` parseArgs gives a command: a string, a boolean or (with
// `multiple`) an array of strings per flag, absent when not given. A problem is worded to follow
// `--<flag> `, which parseFlags puts in front from the issue's path.

/** A string flag read into a value, or refused with the reader's problem. */
function readFlag<T>(read: (text: string) => FlagReading<T>) {
  return z
    .string()
    .transform((text, ctx): T => {
      const reading = read(text);
      if ('value' in reading) return reading.value;
      ctx.issues.push({ code: 'custom', message: reading.problem, input: text });
      return z.NEVER;
    })
    .optional();
}

/** `--flag <n>`: a number under `rule` (see readNumber). */
export const numberFlag = (rule: NumberRule = {}) => readFlag((text) => readNumber(text, rule));
/** `--flag <size>`: bytes, at least 1 (see readByteSize). */
export const byteSizeFlag = () => readFlag(readByteSize);
/** `--flag <duration>`: milliseconds (see readDuration). */
export const durationFlag = () => readFlag(readDuration);
/** `--flag <text>`. */
export const textFlag = () => z.string().optional();
/** `--flag <text>`, repeatable. */
export const textsFlag = () => z.array(z.string()).optional();
/** `--flag` alone. */
export const switchFlag = () => z.boolean().optional();

/** `--flag <choice>`: one of `choices`; the problem lists them (`must be a, b or c, got "x"`) unless `problem` words it. */
export function choiceFlag<const T extends readonly [string, ...string[]]>(choices: T, problem: (got: string) => string = (got) => `must be ${oneOf(choices)}, got ${got}`) {
  return z.enum(choices, { error: (issue) => problem(JSON.stringify(issue.input)) }).optional();
}

/** `--backend <name>`, for every command that loads a model. */
export const backendFlag = () => choiceFlag(BACKENDS);

/** `a`, `a or b`, `a, b or c`. */
function oneOf(choices: readonly string[]): string {
  return choices.length === 1 ? choices[0]! : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}

/** The flags a command's schema reads, or a UsageError for the first bad one: `--<flag> <problem>`. */
export function parseFlags<S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new UsageError(issue.path.length > 0 ? `--${String(issue.path[0])} ${issue.message}` : issue.message);
}
