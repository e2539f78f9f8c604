import { UsageError } from '../errors.js';
import { ThresholdsSchema, type Thresholds } from './thresholds.js';

/**
 * The thresholds a run uses: `--low`/`--high` flags override a thresholds file, which overrides
 * the model card's defaults. Refuses a combination with low > high.
 */
export function resolveThresholds(
  defaults: Thresholds,
  fromFile: Thresholds | undefined,
  flags: { low?: number; high?: number },
): Thresholds {
  const merged = { ...defaults, ...fromFile, ...definedOnly(flags) };
  const parsed = ThresholdsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new UsageError(`thresholds must satisfy 0 <= low <= high <= 1, got low ${merged.low}, high ${merged.high}`);
  }
  return parsed.data;
}

function definedOnly(flags: { low?: number; high?: number }): Partial<Thresholds> {
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
}
