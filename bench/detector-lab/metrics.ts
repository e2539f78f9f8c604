/** Small evaluation helpers for the lab: AUROC, TPR at FPR, L2 logistic regression. */

/** AUROC with synthetic (1) as the positive class; ties count half. */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && scores[idx[j]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (labels[idx[k]!] === 1) rankSum += avgRank;
    i = j;
  }
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? pos++ : neg++);
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** TPR at the threshold that keeps FPR <= `fpr` on these data. */
export function tprAtFpr(scores: ArrayLike<number>, labels: ArrayLike<number>, fpr: number): number {
  const neg = Array.from(scores).filter((_, i) => labels[i] === 0).sort((a, b) => b - a);
  const k = Math.floor(fpr * neg.length);
  const thr = neg[k] ?? -Infinity;
  let tp = 0;
  let p = 0;
  for (let i = 0; i < scores.length; i++) if (labels[i] === 1) { p++; if (scores[i]! > thr) tp++; }
  return tp / p;
}

export interface LogReg { mean: Float64Array; std: Float64Array; w: Float64Array; b: number }

/** Standardised L2 logistic regression by full-batch gradient descent (small data, so fine). */
export function fitLogReg(x: Float32Array[], y: number[], l2 = 1e-3, iters = 800, lr = 0.5): LogReg {
  const d = x[0]!.length;
  const n = x.length;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (const r of x) for (let j = 0; j < d; j++) mean[j]! += r[j]! / n;
  for (const r of x) for (let j = 0; j < d; j++) std[j]! += (r[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]!) || 1;
  const z = x.map((r) => Float64Array.from(r, (v, j) => (v - mean[j]!) / std[j]!));
  const w = new Float64Array(d);
  let b = 0;
  for (let it = 0; it < iters; it++) {
    const g = new Float64Array(d);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let s = b;
      const zi = z[i]!;
      for (let j = 0; j < d; j++) s += w[j]! * zi[j]!;
      const e = 1 / (1 + Math.exp(-s)) - y[i]!;
      gb += e;
      for (let j = 0; j < d; j++) g[j]! += e * zi[j]!;
    }
    for (let j = 0; j < d; j++) w[j]! -= lr * (g[j]! / n + l2 * w[j]!);
    b -= (lr * gb) / n;
  }
  return { mean, std, w, b };
}

export function predict(m: LogReg, r: Float32Array): number {
  let s = m.b;
  for (let j = 0; j < m.w.length; j++) s += (m.w[j]! * (r[j]! - m.mean[j]!)) / m.std[j]!;
  return s;
}
