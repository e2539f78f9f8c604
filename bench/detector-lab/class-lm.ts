// Lab only: class-conditional word bigram LMs (absolute discounting, add-one unigram backoff) and
// per-document summaries of log p_machine(w|prev) - log p_human(w|prev). Mirrors outside-tfjs/lm_ratio.py; used by `LMR=1 mixed-dev.ts`.
import type { LabeledDocument } from '../../src/classifier/index.js';

const TOK = /[a-z0-9']+|[^\sa-z0-9']/g;
export const tokens = (text: string): string[] => text.split(/\s+/).filter(Boolean).slice(0, 320).join(' ').toLowerCase().match(TOK) ?? [];

export class BigramLm {
  private readonly uni = new Map<string, number>();
  private readonly bi = new Map<string, Map<string, number>>();
  private readonly tot = new Map<string, number>();
  private n = 0;
  constructor(docs: Iterable<string[]>, private readonly d = 0.75) {
    for (const t of docs) {
      let p = '<s>';
      for (const w of t) {
        this.uni.set(w, (this.uni.get(w) ?? 0) + 1);
        let c = this.bi.get(p);
        if (!c) this.bi.set(p, (c = new Map()));
        c.set(w, (c.get(w) ?? 0) + 1);
        this.tot.set(p, (this.tot.get(p) ?? 0) + 1);
        this.n++;
        p = w;
      }
    }
  }
  /** [log p bigram, log p unigram] */
  lp(p: string, w: string): [number, number] {
    const pu = ((this.uni.get(w) ?? 0) + 1) / (this.n + this.uni.size + 1);
    const c = this.bi.get(p);
    if (!c) return [Math.log(pu), Math.log(pu)];
    const n = this.tot.get(p)!;
    const pb = Math.max((c.get(w) ?? 0) - this.d, 0) / n + ((this.d * c.size) / n) * pu;
    return [Math.log(pb), Math.log(pu)];
  }
}

export const RATIO_FEATURES = 8;
export function ratioFeatures(t: string[], m: BigramLm, h: BigramLm): number[] {
  if (t.length === 0) return new Array(RATIO_FEATURES).fill(0);
  const r2: number[] = [];
  let s1 = 0;
  let p = '<s>';
  for (const w of t) {
    const [m2, m1] = m.lp(p, w);
    const [h2, h1] = h.lp(p, w);
    r2.push(m2 - h2);
    s1 += m1 - h1;
    p = w;
  }
  const n = r2.length;
  const mean = r2.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(r2.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const sorted = [...r2].sort((a, b) => a - b);
  const q = (f: number) => { const x = f * (n - 1); const lo = Math.floor(x); return sorted[lo]! + (sorted[Math.min(lo + 1, n - 1)]! - sorted[lo]!) * (x - lo); };
  return [mean, std, q(0.1), q(0.5), q(0.9), r2.filter((v) => v > 0).length / n, s1 / n, (mean * n) / Math.sqrt(n)];
}

const group = (id: string) => id.split('#')[0]!.replace(/-[hs]$/, '');

/**
 * The hook train.ts (lab patch) calls: training documents (and their crops) get features from LMs
 * built without their fold (5 folds by pair group, FNV-1a of the group), everything else from LMs
 * built on all training documents.
 */
export function ratioHook(trainDocs: LabeledDocument[], folds = 5) {
  const fnv = (s: string) => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; } return h; };
  const foldOf = new Map<string, number>();
  for (const d of trainDocs) foldOf.set(group(String(d.id)), fnv(group(String(d.id))) % folds);
  const toks = trainDocs.map((d) => tokens(d.text));
  const build = (keep: (i: number) => boolean) => ({
    m: new BigramLm(toks.filter((_, i) => keep(i) && trainDocs[i]!.label === 'synthetic')),
    h: new BigramLm(toks.filter((_, i) => keep(i) && trainDocs[i]!.label === 'human')),
  });
  const perFold = Array.from({ length: folds }, (_, k) => build((i) => foldOf.get(group(String(trainDocs[i]!.id))) !== k));
  const all = build(() => true);
  return {
    size: RATIO_FEATURES,
    f(d: LabeledDocument, training: boolean): number[] {
      const k = training ? foldOf.get(group(String(d.id))) : undefined;
      const lm = k === undefined ? all : perFold[k]!;
      return ratioFeatures(tokens(d.text), lm.m, lm.h);
    },
  };
}
