/** Platt scaling: `p = sigmoid(a * logit + b)`. */
export interface PlattParams {
  a: number;
  b: number;
}

export const IDENTITY_PLATT: PlattParams = { a: 1, b: 0 };

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function applyPlatt(logit: number, { a, b }: PlattParams): number {
  return sigmoid(a * logit + b);
}

/**
 * Fit Platt scaling on held-out logits by Newton's method on the log loss, with Platt's
 * (1999) smoothed targets `(n₊+1)/(n₊+2)` and `1/(n₋+2)` so a separable dev set does not
 * push `a` to infinity. Deterministic: fixed start, fixed iteration cap.
 *
 * @param labels true = synthetic
 */
export function fitPlatt(logits: ArrayLike<number>, labels: readonly boolean[]): PlattParams {
  const n = logits.length;
  if (n !== labels.length) throw new RangeError(`fitPlatt: ${n} logits but ${labels.length} labels`);
  const nPos = labels.filter(Boolean).length;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return { ...IDENTITY_PLATT };
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  let a = 1;
  let b = 0;
  let prevLoss = Infinity;
  for (let iter = 0; iter < 100; iter++) {
    let gA = 0, gB = 0, hAA = 1e-12, hAB = 0, hBB = 1e-12, loss = 0;
    for (let i = 0; i < n; i++) {
      const x = logits[i]!;
      const t = labels[i] ? hi : lo;
      const p = sigmoid(a * x + b);
      const pc = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
      loss -= t * Math.log(pc) + (1 - t) * Math.log(1 - pc);
      const d = p - t;
      const w = p * (1 - p);
      gA += d * x;
      gB += d;
      hAA += w * x * x;
      hAB += w * x;
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (!(det > 0)) break;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    // Halve the Newton step until the loss does not rise (plain Newton can overshoot).
    let scale = 1;
    let next = { a: a - stepA, b: b - stepB };
    while (scale > 1e-4 && plattLoss(logits, labels, next, hi, lo) > loss + 1e-12) {
      scale /= 2;
      next = { a: a - scale * stepA, b: b - scale * stepB };
    }
    a = next.a;
    b = next.b;
    if (Math.abs(prevLoss - loss) < 1e-10 * Math.max(1, loss)) break;
    prevLoss = loss;
  }
  return { a, b };
}

function plattLoss(logits: ArrayLike<number>, labels: readonly boolean[], p: PlattParams, hi: number, lo: number): number {
  let loss = 0;
  for (let i = 0; i < logits.length; i++) {
    const t = labels[i] ? hi : lo;
    const q = Math.min(Math.max(applyPlatt(logits[i]!, p), 1e-15), 1 - 1e-15);
    loss -= t * Math.log(q) + (1 - t) * Math.log(1 - q);
  }
  return loss;
}
