import { z } from 'zod';

/**
 * Two thresholds on the calibrated score (probability of being machine-generated, 0..1):
 * `score < low` routes human, `score >= high` routes synthetic, anything between is uncertain.
 */
export const ThresholdsSchema = z
  .object({
    low: z.number().min(0).max(1),
    high: z.number().min(0).max(1),
  })
  .refine((t) => t.low <= t.high, { message: 'low must be <= high' });

export type Thresholds = z.infer<typeof ThresholdsSchema>;
