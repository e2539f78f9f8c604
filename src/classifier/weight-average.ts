import { tf } from './tf.js';

/**
 * An exponential moving average of a model's trainable variables over training steps
 * (Polyak averaging, as TensorFlow's `ExponentialMovingAverage` with `num_updates`).
 * Step t uses decay `min(decay, (1 + t) / (10 + t))`, so the first steps are not pinned to
 * the initial weights. Averaged weights move less from step to step than the live ones,
 * which steadies what early stopping keeps when the n-gram table memorises fast.
 */
export class WeightAverage {
  private readonly shadows: tf.Variable[];
  private steps = 0;

  constructor(
    private readonly variables: tf.Variable[],
    private readonly decay: number,
  ) {
    if (!(decay > 0 && decay < 1)) throw new RangeError(`weight-average decay must be in (0, 1), got ${decay}`);
    this.shadows = variables.map((v) => tf.variable(v.clone(), false));
  }

  /** Fold the variables' current values into the average (call after each optimiser step). */
  update(): void {
    this.steps += 1;
    const d = Math.min(this.decay, (1 + this.steps) / (10 + this.steps));
    tf.tidy(() => {
      this.variables.forEach((v, i) => {
        const shadow = this.shadows[i]!;
        shadow.assign(tf.add(tf.mul(shadow, d), tf.mul(v, 1 - d)));
      });
    });
  }

  /** Run `fn` with the averaged values in the variables, then put the live values back. */
  async withAveraged<T>(fn: () => Promise<T> | T): Promise<T> {
    const live = this.variables.map((v) => v.clone());
    this.variables.forEach((v, i) => v.assign(this.shadows[i]!));
    try {
      return await fn();
    } finally {
      this.variables.forEach((v, i) => v.assign(live[i]!));
      live.forEach((t) => t.dispose());
    }
  }

  dispose(): void {
    this.shadows.forEach((s) => s.dispose());
  }
}
