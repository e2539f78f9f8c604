import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ScopeSettingsSchema } from '../scope/options.js';
import { CLASS_LM_FEATURES, FEATURE_SPEC, featureSpecMismatch, type FeatureSpec } from '../features/index.js';
import { readJsonFile } from '../json-file.js';
import { ModelHashSchema } from '../routing/model-ref.js';
import { ThresholdsSchema } from '../routing/thresholds.js';
import { ClassifierError } from './errors.js';

export const CARD_JSON = 'card.json';

const CountsSchema = z.object({
  human: z.number().int().nonnegative(),
  synthetic: z.number().int().nonnegative(),
  bySource: z.record(z.string(), z.number().int().nonnegative()),
  byGenerator: z.record(z.string(), z.number().int().nonnegative()),
});

const MetricsSchema = z.object({
  documents: z.number().int().nonnegative(),
  /** Area under the ROC curve (0..1), synthetic = positive. */
  auroc: z.number().nullable(),
  /** Fraction (0..1) of synthetic documents caught when 1% of human ones are flagged. */
  tprAt1PctFpr: z.number().nullable(),
  /** Mean squared error of the calibrated probability (0..1, lower is better). */
  brier: z.number(),
  /** Expected calibration error over 10 equal-width bins (0..1). */
  ece: z.number(),
});

/** sha256 (hex) of a file or of a set of documents. */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex (64 digits 0-9a-f)');
const FileRefSchema = z.object({ path: z.string(), sha256, documents: z.number().int().nonnegative() });

/**
 * Where a fine-tuned model comes from (`crawlsift train --base`): the model it started from, the
 * new labeled data it was fine-tuned on, and how much of the base's own training data was mixed
 * in so that it does not forget.
 */
export const LineageSchema = z.object({
  base: z.object({ name: z.string(), modelHash: ModelHashSchema }),
  newData: z.object({
    /** sha256 (hex) of the new documents trained on, one `{"label","text"}` JSON line each, in order. */
    sha256,
    documents: z.number().int().nonnegative(),
    human: z.number().int().nonnegative(),
    synthetic: z.number().int().nonnegative(),
    files: z.array(FileRefSchema),
  }),
  replay: z.object({
    /** Base training documents mixed in per new document. */
    ratio: z.number().nonnegative(),
    /** Base training documents mixed in: `ratio` times the new ones, half of each label where there are enough. */
    documents: z.number().int().nonnegative(),
    /** The base's training data they were drawn from. */
    from: z.array(FileRefSchema),
    seed: z.number().int(),
  }),
  /** How the replay documents got their class-LM features (a base with class LMs only; see fineTuneClassLm). */
  classLm: z
    .object({
      replay: z.object({ scoredBy: z.enum(['out-of-fold', 'in-sample']), reason: z.string() }),
      /** The new documents added to the class LMs, the times each was counted, and the folds they were scored in; absent when the base's LMs were kept. */
      learnt: z.object({ documents: z.number().int().nonnegative(), weight: z.number().int().positive(), folds: z.number().int().min(2) }).optional(),
    })
    .optional(),
});
export type Lineage = z.infer<typeof LineageSchema>;

const LmSideSchema = z.object({ documents: z.number().int().nonnegative(), tokens: z.number().int().nonnegative() });

/**
 * A model's class-conditional LMs (`class-lm.bin`, see `ClassLm`): their features follow the
 * signature in the dense input. Training documents got theirs from LMs built without their fold.
 */
export const ClassLmCardSchema = z.object({
  file: z.literal('class-lm.bin'),
  features: z.array(z.string()),
  /** Folds of the training documents (0: the LMs were given: a fine-tune's, its base's with any new documents it learnt; see the lineage). */
  folds: z.number().int().nonnegative(),
  /** What a training document's fold was drawn from. */
  foldKey: z.string(),
  machine: LmSideSchema,
  human: LmSideSchema,
});
export type ClassLmCard = z.infer<typeof ClassLmCardSchema>;

export const ModelCardSchema = z.object({
  cardVersion: z.literal(1),
  name: z.string().min(1),
  createdAt: z.string(),
  /** sha256 (hex) of model.json followed by weights.bin. */
  modelHash: ModelHashSchema,
  featureSpec: z
    .object({
      version: z.string(),
      signature: z.array(z.string()),
      buckets: z.number().int().positive(),
    })
    .loose(),
  architecture: z.object({
    denseSize: z.number().int().nonnegative(),
    buckets: z.number().int().positive(),
    maxSparse: z.number().int().positive(),
    embeddingDim: z.number().int().positive(),
    pooling: z.enum(['sum', 'mean']),
    hiddenUnits: z.number().int().positive(),
    parameters: z.number().int().positive(),
    summary: z.string(),
  }),
  calibration: z.object({
    method: z.literal('platt'),
    /** `p = sigmoid(a * logit + b)`. */
    a: z.number(),
    b: z.number(),
    fittedOn: z.string(),
  }),
  /** The default thresholds, chosen on dev data by `rule` (see describeThresholdRule). */
  thresholds: ThresholdsSchema.extend({ rule: z.string() }),
  /** Present when the model has class-conditional LMs. */
  classLm: ClassLmCardSchema.optional(),
  /** What the model can judge: its languages and the fewest words (the scope guard's defaults); absent in older cards. */
  scope: ScopeSettingsSchema.optional(),
  training: z.object({
    files: z.array(z.object({ path: z.string(), sha256: z.string(), role: z.enum(['train', 'dev']), documents: z.number().int() })),
    train: CountsSchema,
    dev: CountsSchema,
    devSource: z.string(),
    seed: z.number().int(),
    epochs: z.number().int().nonnegative(),
    epochsRun: z.number().int().nonnegative(),
    bestEpoch: z.number().int().nonnegative(),
    batchSize: z.number().int().positive(),
    learningRate: z.number().positive(),
    /** L2 penalty on the embedding table; absent in cards written before it existed. */
    l2: z.number().nonnegative().optional(),
    /** Decay of the weights' moving average that was judged and saved; absent when off. */
    weightAverageDecay: z.number().gt(0).lt(1).optional(),
    /** What picked the kept epoch when not the dev loss (see trainDetector's selectBy). */
    selectBy: z.enum(['loss', 'auroc', 'last']).optional(),
    /** Layers whose weights training left as they started (a fine-tune's n-gram table); absent when none. */
    frozen: z.array(z.string()).optional(),
    /** Cropped training copies (see lengthCrops) and the training examples they made. */
    lengthCrops: z.object({ copies: z.number().int(), minWords: z.number().int(), maxWords: z.number().int(), position: z.enum(['start', 'random']).optional(), examples: z.number().int() }).optional(),
    /** Mean loss weight of a human and of a synthetic training example. */
    classWeights: z.object({ human: z.number(), synthetic: z.number() }),
    /** How labels were balanced when not over the whole loss (see trainDetector's balance). */
    balance: z.enum(['label', 'source']).optional(),
    backend: z.string(),
    tfjsVersion: z.string(),
  }),
  metrics: z.object({ dev: MetricsSchema }).catchall(MetricsSchema),
  /** Present on a fine-tuned model only. */
  lineage: LineageSchema.optional(),
});
export type ModelCard = z.infer<typeof ModelCardSchema>;
export type CardMetrics = z.infer<typeof MetricsSchema>;

/** Parse and validate `card.json` in `dir`: unreadable, not JSON or off-schema → `card-invalid`, naming the file. */
export async function readCard(dir: string): Promise<ModelCard> {
  return readJsonFile(join(dir, CARD_JSON), ModelCardSchema, {
    what: 'model card',
    expected: 'does not match the card schema',
    error: (_problem, message, cause) => new ClassifierError('card-invalid', message, { cause }),
  });
}

/** Refuse a card whose features mean something else than this build's (`feature-spec-mismatch`). */
export function assertFeatureSpec(card: ModelCard, dir: string, current: FeatureSpec = FEATURE_SPEC): void {
  const problem = featureSpecMismatch(card.featureSpec as unknown as FeatureSpec, current);
  if (problem) {
    throw new ClassifierError(
      'feature-spec-mismatch',
      `model ${dir} was trained on other features: ${problem}; retrain it with this version (crawlsift train)`,
    );
  }
  const lm = card.classLm?.features;
  if (lm && (lm.length !== CLASS_LM_FEATURES.length || lm.some((n, i) => n !== CLASS_LM_FEATURES[i]))) {
    throw new ClassifierError(
      'feature-spec-mismatch',
      `model ${dir} was trained on other class-LM features [${lm.join(', ')}] than this build's [${CLASS_LM_FEATURES.join(', ')}]; retrain it with this version (crawlsift train)`,
    );
  }
}

export async function writeCard(dir: string, card: ModelCard): Promise<void> {
  const valid = ModelCardSchema.parse(card);
  const path = join(dir, CARD_JSON);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(tmp, path);
}
