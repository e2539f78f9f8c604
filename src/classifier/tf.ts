/**
 * The one place that imports tfjs, so every classifier module shares the same tfjs-core
 * instance (two copies would each keep their own backend registry).
 */
import * as tf from '@tensorflow/tfjs';

export { tf };
