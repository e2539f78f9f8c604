import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CrawlsiftError } from '../errors.js';
import { ThresholdsSchema, type Thresholds } from './thresholds.js';

// `crawlsift tune --out` writes `{ thresholds: { low, high }, ... }`; a bare `{ low, high }` is accepted too.
const ThresholdsFileSchema = z.union([ThresholdsSchema, z.object({ thresholds: ThresholdsSchema }).transform((f) => f.thresholds)]);

/** Reads a thresholds file, with an error naming the file and what was wrong. */
export async function readThresholdsFile(path: string): Promise<Thresholds> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CrawlsiftError('thresholds-unreadable', `cannot read thresholds file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CrawlsiftError('thresholds-invalid', `thresholds file ${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ThresholdsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new CrawlsiftError('thresholds-invalid', `thresholds file ${path} must hold {"low": x, "high": y} with 0 <= low <= high <= 1`);
  }
  return parsed.data;
}
