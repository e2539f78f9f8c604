import { UsageError } from '../errors.js';
import type { ModelRef } from '../routing/model-ref.js';

/**
 * Refuses a thresholds file tuned with another model: thresholds are cut points on one model's
 * score scale: on another model's scores they do not give the rates tune measured (a run can
 * end up with everything uncertain). A file that records no model (a bare `{ low, high }`) passes.
 */
export function checkThresholdsModel(path: string, tunedFor: ModelRef | undefined, model: ModelRef): void {
  if (tunedFor === undefined || tunedFor.hash === model.hash) return;
  // 12 hex digits as elsewhere, unless that does not tell the two apart.
  const digits = tunedFor.hash.slice(0, 12) === model.hash.slice(0, 12) ? undefined : 12;
  const name = (m: ModelRef) => `${m.name} (${m.hash.slice(0, digits)})`;
  throw new UsageError(
    `thresholds file ${path} was tuned for model ${name(tunedFor)}, but this run uses ${name(model)}; ` +
      `run crawlsift tune with this --model again, or give --low and --high instead`,
  );
}
