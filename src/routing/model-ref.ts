import { z } from 'zod';

/** sha256 (hex) of a model's files: model.json followed by weights.bin. */
export const ModelHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex (64 digits 0-9a-f)');

/**
 * The model as outputs name it: each routed document's provenance, the manifest, a queue run's
 * spec, the thresholds file `crawlsift tune --out` writes, `crawlsift eval --json`.
 */
export const ModelRefSchema = z.object({
  name: z.string().min(1),
  hash: ModelHashSchema,
});
export type ModelRef = z.infer<typeof ModelRefSchema>;
