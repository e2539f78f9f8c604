/**
 * Loss weights of the training examples.
 *
 * - `label`: each label weighs half the loss (the weight of an example is
 *   examples / (2 * examples of its label)).
 * - `source`: each label weighs half of each source's share of the loss: within a source of n
 *   examples, n_h human and n_s synthetic, a human example weighs n / (2 n_h) and a synthetic one
 *   n / (2 n_s). Why: when one source brings far more machine text than human text (modern2024's
 *   train-more.jsonl is machine text only), global label weights would make every human document
 *   of the other sources weigh more than their machine documents, and the source's style would
 *   then stand in for the label. A source with one label only keeps the global label weight.
 *
 * Pure; both rules give weights whose mean over the examples is 1 when every source has both
 * labels.
 */
export type LabelBalance = 'label' | 'source';

export interface WeightedExample {
  synthetic: boolean;
  source: string;
}

export interface ExampleWeights {
  /** One weight per example, in example order. */
  weights: Float32Array;
  /** Mean weight of the human and of the synthetic examples (what the card reports). */
  classWeights: { human: number; synthetic: number };
}

export function exampleWeights(examples: readonly WeightedExample[], balance: LabelBalance): ExampleWeights {
  const n = examples.length;
  const synthetic = examples.filter((e) => e.synthetic).length;
  const global = { human: n / (2 * (n - synthetic)), synthetic: n / (2 * synthetic) };
  const weights = new Float32Array(n);
  if (balance === 'label') {
    examples.forEach((e, i) => (weights[i] = e.synthetic ? global.synthetic : global.human));
    return { weights, classWeights: global };
  }
  const cells = new Map<string, { human: number; synthetic: number }>();
  for (const e of examples) {
    const c = cells.get(e.source) ?? { human: 0, synthetic: 0 };
    c[e.synthetic ? 'synthetic' : 'human']++;
    cells.set(e.source, c);
  }
  const sums = { human: 0, synthetic: 0 };
  examples.forEach((e, i) => {
    const c = cells.get(e.source)!;
    const label = e.synthetic ? 'synthetic' : 'human';
    const w = c.human > 0 && c.synthetic > 0 ? (c.human + c.synthetic) / (2 * c[label]) : global[label];
    weights[i] = w;
    sums[label] += w;
  });
  return { weights, classWeights: { human: sums.human / (n - synthetic), synthetic: sums.synthetic / synthetic } };
}
