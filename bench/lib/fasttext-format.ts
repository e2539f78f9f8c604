/**
 * The text formats of the fastText command-line tool (facebookresearch/fastText): training lines
 * `__label__<label> <text>` and `predict-prob` output lines `__label__a p_a __label__b p_b`.
 * Pure functions, kept apart from the process plumbing so they can be tested.
 */

export const FASTTEXT_LABEL_PREFIX = '__label__';

/**
 * A document as one fastText line. fastText reads one example per line and splits on
 * whitespace, so every run of whitespace (newlines included) becomes one space; the text is
 * otherwise kept as it is (no lower-casing), as the data README's baseline was trained.
 */
export function toFasttextText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A labeled training line: `__label__human <text>` or `__label__synthetic <text>`. */
export function toFasttextTrainLine(doc: { text: string; label: 'human' | 'synthetic' }): string {
  return `${FASTTEXT_LABEL_PREFIX}${doc.label} ${toFasttextText(doc.text)}`;
}

/**
 * P(synthetic) from one line of `fasttext predict-prob model.bin - 2`, which lists the labels
 * with their probabilities, most probable first. A label missing from the line (k smaller than
 * the label count) means fastText put it below the others: its probability is what is left.
 */
export function parsePredictProbLine(line: string, positive = 'synthetic'): number {
  const parts = line.trim().split(/\s+/);
  const probabilities = new Map<string, number>();
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const label = parts[i]!;
    const p = Number(parts[i + 1]);
    if (!label.startsWith(FASTTEXT_LABEL_PREFIX) || !Number.isFinite(p)) {
      throw new Error(`unexpected fastText predict-prob output: ${JSON.stringify(line)}`);
    }
    probabilities.set(label.slice(FASTTEXT_LABEL_PREFIX.length), p);
  }
  if (probabilities.size === 0) throw new Error(`empty fastText predict-prob output line: ${JSON.stringify(line)}`);
  const direct = probabilities.get(positive);
  if (direct !== undefined) return Math.min(1, Math.max(0, direct));
  const others = [...probabilities.values()].reduce((s, p) => s + p, 0);
  return Math.min(1, Math.max(0, 1 - others));
}
