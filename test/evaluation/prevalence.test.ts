import { describe, expect, it } from 'vitest';
import {
  estimateContamination,
  roganGladen,
  roganGladenPoint,
  syntheticFractionInHuman,
  syntheticFractionInHumanPoint,
  wilsonInterval,
  zForConfidence,
} from '../../src/evaluation/index.js';

describe('roganGladen', () => {
  it('corrects the apparent prevalence (textbook case: apparent 30%, Se 90%, Sp 95%)', () => {
    // (0.30 + 0.95 - 1) / (0.90 + 0.95 - 1) = 0.25 / 0.85
    const result = roganGladen({ k: 300, n: 1000 }, { k: 90, n: 100 }, { k: 95, n: 100 });
    expect(result.estimate).toBeCloseTo(0.25 / 0.85, 12);
    expect(result.identifiable).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.ci95[0]).toBeLessThan(result.estimate!);
    expect(result.ci95[1]).toBeGreaterThan(result.estimate!);
  });

  it('gives 0 when the flagged rate equals the false-flag rate', () => {
    // apparent 20%, Se 90%, Sp 80%: (0.2 + 0.8 - 1) / 0.7 = 0
    expect(roganGladenPoint(0.2, 0.9, 0.8)).toBeCloseTo(0, 12);
  });

  it('narrows as the counts grow', () => {
    const small = roganGladen({ k: 30, n: 100 }, { k: 90, n: 100 }, { k: 95, n: 100 });
    const large = roganGladen({ k: 3000, n: 10000 }, { k: 9000, n: 10000 }, { k: 9500, n: 10000 });
    expect(large.ci95[1] - large.ci95[0]).toBeLessThan((small.ci95[1] - small.ci95[0]) / 5);
  });

  it('clamps to [0, 1] and says so when the flagged rate is outside [1 - Sp, Se] within sampling error', () => {
    const low = roganGladen({ k: 2, n: 100 }, { k: 90, n: 100 }, { k: 95, n: 100 });
    expect(low.unclamped).toBeLessThan(0);
    expect(low.estimate).toBe(0);
    expect(low.identifiable).toBe(true);
    expect(low.warnings.join(' ')).toMatch(/within sampling error: estimate clamped to 0/);
    const high = roganGladen({ k: 94, n: 100 }, { k: 90, n: 100 }, { k: 95, n: 100 });
    expect(high.estimate).toBe(1);
    expect(high.warnings.join(' ')).toMatch(/within sampling error: estimate clamped to 1/);
  });

  it("is not identifiable when the crawl is flagged less often than the human canaries, beyond sampling error (issue 16's run)", () => {
    // filter on modern/corpus.jsonl (half machine text) with canaries from detect-corpus/dev.jsonl at
    // 0.05: crawl flagged 1,995 / 3,302 = 60.4%, synthetic canaries flagged 80 / 85, human canaries
    // flagged 60 / 80 = 75%. It printed 'synthetic prevalence of the crawl: 0% [0%, 1.87%]'.
    const result = roganGladen({ k: 1995, n: 3302 }, { k: 80, n: 85 }, { k: 20, n: 80 });
    expect(result).toMatchObject({ estimate: null, unclamped: null, ci95: [0, 1], identifiable: false, notIdentifiable: 'crawl-flagged-below-human-canaries' });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^The crawl is flagged less often \(60\.4%\) than the human canaries \(75%\), beyond sampling error: .*Draw the canaries from the same kind of text as the crawl/);
    // The Bonferroni box alone would not see it: the two intervals at 98.3% still overlap.
    const z = zForConfidence(1 - 0.05 / 3);
    expect(wilsonInterval(1995, 3302, z)[1]).toBeGreaterThan(1 - wilsonInterval(20, 80, z)[1]);
  });

  it('is not identifiable when the crawl is flagged more often than the synthetic canaries, beyond sampling error', () => {
    const result = roganGladen({ k: 99, n: 100 }, { k: 90, n: 100 }, { k: 95, n: 100 });
    expect(result).toMatchObject({ estimate: null, identifiable: false, notIdentifiable: 'crawl-flagged-above-synthetic-canaries', ci95: [0, 1] });
    expect(result.warnings[0]).toMatch(/flagged more often \(99%\) than the synthetic canaries \(90%\)/);
  });

  it('tells sampling error from a real gap by the counts: the same rates are consistent with few canaries', () => {
    // 60% vs 75% with 8 human canaries is within sampling error; with 80 it is not.
    expect(roganGladen({ k: 600, n: 1000 }, { k: 9, n: 10 }, { k: 2, n: 8 }).identifiable).toBe(true);
    expect(roganGladen({ k: 600, n: 1000 }, { k: 90, n: 100 }, { k: 20, n: 80 }).notIdentifiable).toBe('crawl-flagged-below-human-canaries');
  });

  it('refuses to estimate when the detector is no better than chance', () => {
    const result = roganGladen({ k: 50, n: 100 }, { k: 50, n: 100 }, { k: 50, n: 100 });
    expect(result.identifiable).toBe(false);
    expect(result.notIdentifiable).toBe('detector-does-not-separate');
    expect(result.estimate).toBeNull();
    expect(result.ci95).toEqual([0, 1]);
  });

  it('reports an unbounded interval when Se + Sp could reach 1 within the intervals', () => {
    const result = roganGladen({ k: 5, n: 10 }, { k: 7, n: 10 }, { k: 6, n: 10 });
    expect(result.identifiable).toBe(true);
    expect(result.ci95).toEqual([0, 1]);
    expect(result.warnings.join(' ')).toMatch(/not bounded/);
  });

  it('takes the interval from the corners of the Bonferroni box, which bound the whole box', () => {
    const flagged = { k: 260, n: 1000 };
    const se = { k: 180, n: 200 };
    const sp = { k: 170, n: 200 };
    const result = roganGladen(flagged, se, sp);
    const z = zForConfidence(1 - 0.05 / 3);
    const [qI, seI, spI] = [flagged, se, sp].map((p) => wilsonInterval(p.k, p.n, z));
    let min = Infinity;
    let max = -Infinity;
    const steps = 20;
    for (let a = 0; a <= steps; a++)
      for (let b = 0; b <= steps; b++)
        for (let c = 0; c <= steps; c++) {
          const at = (i: [number, number], t: number) => i[0] + ((i[1] - i[0]) * t) / steps;
          const v = roganGladenPoint(at(qI!, a), at(seI!, b), at(spI!, c));
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
    expect(result.ci95[0]).toBeCloseTo(Math.max(0, min), 12);
    expect(result.ci95[1]).toBeCloseTo(Math.min(1, max), 12);
  });
});

describe('syntheticFractionInHuman', () => {
  it('is p·leak / (p·leak + (1-p)·humanPass)', () => {
    // 0.2·0.1 / (0.2·0.1 + 0.8·0.9) = 0.02 / 0.74
    expect(syntheticFractionInHumanPoint(0.2, 0.1, 0.9)).toBeCloseTo(0.02 / 0.74, 12);
    expect(syntheticFractionInHumanPoint(0, 0.5, 0.9)).toBe(0);
    expect(syntheticFractionInHumanPoint(1, 0.5, 0.9)).toBe(1);
  });

  it('brackets the estimate, and has lower bound 0 when no leak was observed', () => {
    const result = syntheticFractionInHuman({
      prevalence: { estimate: 0.2, ci95: [0.15, 0.25] },
      leakThrough: { k: 10, n: 100 },
      humanPass: { k: 90, n: 100 },
    });
    expect(result.estimate).toBeCloseTo(0.02 / 0.74, 12);
    expect(result.ci95[0]).toBeLessThan(result.estimate!);
    expect(result.ci95[1]).toBeGreaterThan(result.estimate!);
    const none = syntheticFractionInHuman({ prevalence: 0.2, leakThrough: { k: 0, n: 500 }, humanPass: { k: 90, n: 100 } });
    expect(none.estimate).toBe(0);
    expect(none.ci95[0]).toBe(0);
    expect(none.ci95[1]).toBeGreaterThan(0);
  });

  it('takes its interval from the extreme corners of the box, which bound the whole box', () => {
    const leakThrough = { k: 12, n: 150 };
    const humanPass = { k: 130, n: 160 };
    const pI: [number, number] = [0.1, 0.3];
    const result = syntheticFractionInHuman({ prevalence: { estimate: 0.2, ci95: pI }, leakThrough, humanPass });
    const z = zForConfidence(1 - 0.05 / 3);
    const lI = wilsonInterval(leakThrough.k, leakThrough.n, z);
    const hI = wilsonInterval(humanPass.k, humanPass.n, z);
    let min = Infinity;
    let max = -Infinity;
    const steps = 20;
    const at = (i: [number, number], t: number) => i[0] + ((i[1] - i[0]) * t) / steps;
    for (let a = 0; a <= steps; a++)
      for (let b = 0; b <= steps; b++)
        for (let c = 0; c <= steps; c++) {
          const v = syntheticFractionInHumanPoint(at(pI, a), at(lI, b), at(hI, c));
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
    expect(result.ci95[0]).toBeCloseTo(min, 12);
    expect(result.ci95[1]).toBeCloseTo(max, 12);
  });

  it('passes through an unidentifiable prevalence as null with a warning', () => {
    const result = syntheticFractionInHuman({
      prevalence: { estimate: null, ci95: [0, 1] },
      leakThrough: { k: 10, n: 100 },
      humanPass: { k: 90, n: 100 },
    });
    expect(result.estimate).toBeNull();
    expect(result.ci95).toEqual([0, 1]);
    expect(result.warnings).toHaveLength(1);
  });
});

describe('estimateContamination', () => {
  it('recovers the prevalence and shard contamination of a crawl built to match', () => {
    // 10,000 documents, 20% synthetic; the cut flags 90% of synthetic and 10% of human:
    // flagged = 0.2·0.9 + 0.8·0.1 = 26%.
    const result = estimateContamination({
      crawl: { notRoutedHuman: 2600, total: 10000 },
      syntheticCanaries: { routedHuman: 100, total: 1000 },
      humanCanaries: { routedHuman: 900, total: 1000 },
    });
    expect(result.prevalence.estimate).toBeCloseTo(0.2, 12);
    expect(result.syntheticFractionInHuman.estimate).toBeCloseTo(0.02 / 0.74, 12);
    const [lo, hi] = result.syntheticFractionInHuman.ci95;
    expect(lo).toBeLessThan(0.02 / 0.74);
    expect(hi).toBeGreaterThan(0.02 / 0.74);
  });
});
