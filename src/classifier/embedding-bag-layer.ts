import { embeddingBag, type BagPooling } from './embedding-bag-op.js';
import { tf } from './tf.js';

export type { BagPooling };

export interface EmbeddingBagArgs {
  /** Rows in the table, including the reserved padding row 0. */
  inputDim: number;
  /** Width of each row. */
  outputDim: number;
  /** @defaultValue 'mean' */
  pooling?: BagPooling;
  /** Half-width of the uniform initialiser. @defaultValue 0.05 */
  initScale?: number;
  /** Seed of the uniform initialiser, for reproducible training. @defaultValue 1 */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/**
 * An embedding table whose rows are pooled over a bag of indices: input `[batch, maxLen]`
 * int32 ids, output `[batch, outputDim]`.
 *
 * Id 0 is padding and contributes nothing (its row gets no gradient either). Pooling is a sum
 * of the document's rows, never a product with a one-hot or bag-of-words vector; see
 * {@link embeddingBag} for why it runs in JS rather than as gather + sum kernels. Mean
 * pooling divides by the number of real ids (at least 1, so an empty bag gives zeros).
 */
export class EmbeddingBag extends tf.layers.Layer {
  static readonly className = 'CrawlsiftEmbeddingBag';

  private readonly inputDim: number;
  private readonly outputDim: number;
  private readonly pooling: BagPooling;
  private readonly initScale: number;
  private readonly seed: number;
  private table: tf.LayerVariable | undefined;

  constructor(args: EmbeddingBagArgs) {
    super({ name: args.name, trainable: args.trainable });
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.pooling = args.pooling ?? 'mean';
    this.initScale = args.initScale ?? 0.05;
    this.seed = args.seed ?? 1;
  }

  override build(): void {
    this.table = this.addWeight(
      'table',
      [this.inputDim, this.outputDim],
      'float32',
      tf.initializers.randomUniform({ minval: -this.initScale, maxval: this.initScale, seed: this.seed }),
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0] ?? null, this.outputDim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const input = Array.isArray(inputs) ? inputs[0]! : inputs;
      const ids = input.dtype === 'int32' ? input : tf.cast(input, 'int32');
      if (!this.table) throw new Error('EmbeddingBag called before build');
      return embeddingBag(this.table.read(), ids, this.pooling);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      pooling: this.pooling,
      initScale: this.initScale,
      seed: this.seed,
    };
  }
}

tf.serialization.registerClass(EmbeddingBag);
