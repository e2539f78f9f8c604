import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/** Why a JSON file was refused. */
export type JsonFileProblem = 'unreadable' | 'not-json' | 'off-schema';

export interface JsonFileOptions {
  /** What the file is, as the messages name it: `model card`, `thresholds file`. */
  what: string;
  /**
   * What the file must hold, said after its path when it does not.
   * @defaultValue `does not match the <what> schema`
   */
  expected?: string;
  /** The error to throw: each kind of file has its own error class and codes. */
  error(problem: JsonFileProblem, message: string, cause?: unknown): Error;
}

/**
 * Reads a JSON file through its schema. Each refusal names the file: unreadable, not JSON, or off
 * the schema (then with the first issues, each with where in the file it is).
 */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S, options: JsonFileOptions): Promise<z.output<S>> {
  const { what } = options;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw options.error('unreadable', `cannot read ${what} ${path}: ${(cause as Error).message}`, cause);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw options.error('not-json', `${what} ${path} is not JSON: ${(cause as Error).message}`, cause);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const expected = options.expected ?? `does not match the ${what} schema`;
    throw options.error('off-schema', `${what} ${path} ${expected}: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

/** `thresholds.low: Too big: expected number to be <=1; ...`: the first `max` issues, each with its path. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const shown = error.issues.slice(0, max).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const more = error.issues.length > max ? `; and ${error.issues.length - max} more` : '';
  return shown.join('; ') + more;
}
