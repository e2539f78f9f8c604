import { tf } from './tf.js';

export interface StandardizeArgs {
  /** Per-feature mean of the training data. */
  mean: ArrayLike<number>;
  /** Per-feature standard deviation of the training data; 0 is treated as 1. */
  std: ArrayLike<number>;
  name?: string;
}

/**
 * `(x - mean) / std` with mean and std stored as non-trainable weights, so they live in
 * `weights.bin`, are covered by the model hash, and every backend applies the same numbers.
 * Stored as `scale = 1/std`, `offset = -mean/std` so the layer is one multiply-add.
 */
export class Standardize extends tf.layers.Layer {
  static readonly className = 'CrawlsiftStandardize';

  private readonly size: number;
  private readonly initialScale: Float32Array;
  private readonly initialOffset: Float32Array;
  private scale: tf.LayerVariable | undefined;
  private offset: tf.LayerVariable | undefined;

  constructor(args: StandardizeArgs & { size?: number }) {
    super({ name: args.name, trainable: false });
    this.size = args.size ?? args.mean.length;
    this.initialScale = new Float32Array(this.size).fill(1);
    this.initialOffset = new Float32Array(this.size);
    for (let i = 0; i < args.mean.length && i < this.size; i++) {
      const std = args.std[i] ?? 0;
      const safeStd = Number.isFinite(std) && std > 1e-12 ? std : 1;
      this.initialScale[i] = 1 / safeStd;
      this.initialOffset[i] = -(args.mean[i] ?? 0) / safeStd;
    }
  }

  override build(): void {
    this.scale = this.addWeight('scale', [this.size], 'float32', tf.initializers.ones(), undefined, false);
    this.offset = this.addWeight('offset', [this.size], 'float32', tf.initializers.zeros(), undefined, false);
    // tfjs's constant initialiser takes one scalar, so write the vectors in; on load the
    // saved weights overwrite them again.
    this.scale.write(tf.tensor1d(this.initialScale));
    this.offset.write(tf.tensor1d(this.initialOffset));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      if (!this.scale || !this.offset) throw new Error('Standardize called before build');
      return tf.add(tf.mul(x, this.scale.read()), this.offset.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    // Only the size: the values travel in weights.bin.
    return { ...super.getConfig(), size: this.size, mean: [], std: [] };
  }
}

tf.serialization.registerClass(Standardize);
