// Shared argument checks: these functions are called with data from users' labeled files,
// so a length mismatch or a NaN score must fail loudly instead of producing a quiet NaN metric.

/** Throws a RangeError unless scores and labels are non-empty, equally long and scores are finite. */
export function assertScoresAndLabels(scores: readonly number[], labels: readonly boolean[]): void {
  if (scores.length !== labels.length) {
    throw new RangeError(`scores and labels differ in length: ${scores.length} scores, ${labels.length} labels`);
  }
  if (scores.length === 0) throw new RangeError('no scores to evaluate: expected at least one labeled score');
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!Number.isFinite(s)) throw new RangeError(`score at index ${i} is ${s}: expected a finite number`);
  }
}

/** Throws a RangeError unless every value is a probability in [0, 1]. */
export function assertProbabilities(probs: readonly number[]): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probability at index ${i} is ${p}: expected a number in [0, 1]`);
  }
}

/** Throws a RangeError unless `value` is a fraction in [0, 1]. */
export function assertFraction(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} is ${value}: expected a fraction in [0, 1]`);
}

/** Counts positives (synthetic) and negatives (human) in the labels. */
export function countClasses(labels: readonly boolean[]): { synthetic: number; human: number } {
  let synthetic = 0;
  for (const l of labels) if (l) synthetic++;
  return { synthetic, human: labels.length - synthetic };
}
