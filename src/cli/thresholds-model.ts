import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ModelRef } from '../routing/model-ref.js';
import { UsageError } from '../errors.js';

// `crawlsift tune --out` records the model it scored with; a bare `{ low, high }` file records none.
const TunedForSchema = z.object({ model: z.object({ name: z.string().optional(), hash: z.string().min(1) }) });

/** The model a thresholds file was tuned with, when it records one (read after readThresholdsFile validated the file). */
export async function thresholdsFileModel(path: string): Promise<{ name?: string; hash: string } | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = TunedForSchema.safeParse(json);
  return parsed.success ? parsed.data.model : undefined;
}

/**
 * Refuses a thresholds file tuned with another model: thresholds are cut points on one model's
 * score scale: on another model's scores they do not give the rates tune measured (a run can
 * end up with everything uncertain).
 */
export async function checkThresholdsModel(path: string, model: ModelRef): Promise<void> {
  const tunedFor = await thresholdsFileModel(path);
  if (tunedFor === undefined || tunedFor.hash === model.hash) return;
  // 12 hex digits as elsewhere, unless that does not tell the two apart.
  const digits = tunedFor.hash.slice(0, 12) === model.hash.slice(0, 12) ? undefined : 12;
  const name = (m: { name?: string; hash: string }) => `${m.name ? `${m.name} ` : ''}(${m.hash.slice(0, digits)})`;
  throw new UsageError(
    `thresholds file ${path} was tuned for model ${name(tunedFor)}, but this run uses ${name(model)}; ` +
      `run crawlsift tune with this --model again, or give --low and --high instead`,
  );
}
