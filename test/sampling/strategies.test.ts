import { describe, expect, it } from 'vitest';
import { BoundedHeap, createSampler, evenShares, randomKey, type Candidate, type SampleStrategy } from '../../src/sampling/index.js';
import { mulberry32, shuffleInPlace } from '../../src/random.js';

const thresholds = { low: 0.2, high: 0.8 };
const routeOf = (score: number) => (score < thresholds.low ? 'human' : score >= thresholds.high ? 'synthetic' : 'uncertain');

/** `n` documents with scores spread over 0..1 by a seeded generator, over `sources` sources. */
function documents(n: number, sources = 3, seed = 5): Candidate[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const score = random();
    return { identity: `doc-${i}`, score, route: routeOf(score), source: `s${i % sources}` };
  });
}

function draw(strategy: SampleStrategy, docs: readonly Candidate[], n: number, seed = 1) {
  const sampler = createSampler(strategy, { n, seed, thresholds });
  let held = 0;
  for (const d of docs) {
    sampler.offer(d);
    held = Math.max(held, sampler.held);
  }
  return { drawn: sampler.finish(), held };
}
const ids = (drawn: ReadonlyArray<{ doc: Candidate }>) => drawn.map((d) => d.doc.identity);

describe('BoundedHeap', () => {
  it('keeps the k smallest items whatever order they come in', () => {
    const values = Array.from({ length: 500 }, (_, i) => i);
    const heap = new BoundedHeap<number>(7, (a, b) => a - b);
    for (const v of shuffleInPlace([...values], mulberry32(3))) heap.offer(v);
    expect(heap.sorted()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(heap.size).toBe(7);
  });
});

describe('sampling strategies', () => {
  const docs = documents(3000);

  for (const strategy of ['random', 'uncertainty', 'stratified'] as const) {
    it(`${strategy}: the same seed gives the same sample, in any reading order; another seed another`, () => {
      const a = ids(draw(strategy, docs, 60).drawn);
      const shuffled = shuffleInPlace([...docs], mulberry32(99));
      expect(ids(draw(strategy, shuffled, 60).drawn)).toEqual(a);
      expect(a).toHaveLength(60);
      expect(new Set(a).size).toBe(60);
      expect(ids(draw(strategy, docs, 60, 2).drawn)).not.toEqual(a);
    });
  }

  it('random: every document has the same chance (draws over many seeds cover the scores evenly)', () => {
    // 200 seeds x 30 draws of 3000 documents: each decile of the reading order should get ~10%.
    const deciles = new Array<number>(10).fill(0);
    for (let seed = 1; seed <= 200; seed++) {
      for (const d of draw('random', docs, 30, seed).drawn) deciles[Math.floor(Number(d.doc.identity.slice(4)) / 300)]! += 1;
    }
    for (const count of deciles) expect(count / 6000).toBeGreaterThan(0.08);
    for (const count of deciles) expect(count / 6000).toBeLessThan(0.12);
  });

  it('uncertainty: draws the documents nearest the decision region, spread over sources', () => {
    // Source a: 50 documents inside the uncertain band; source b: 50 just outside it; source c: far.
    const near = [
      ...Array.from({ length: 50 }, (_, i) => ({ identity: `a${i}`, score: 0.45 + i * 0.002, route: 'uncertain', source: 'a' })),
      ...Array.from({ length: 50 }, (_, i) => ({ identity: `b${i}`, score: 0.81 + i * 0.001, route: 'synthetic', source: 'b' })),
      ...Array.from({ length: 500 }, (_, i) => ({ identity: `c${i}`, score: 0.99, route: 'synthetic', source: 'c' })),
    ];
    const { drawn } = draw('uncertainty', near, 20);
    const sources = drawn.map((d) => d.doc.source);
    // Spread: half from each of the two near sources, although a alone is nearer.
    expect(sources.filter((s) => s === 'a')).toHaveLength(10);
    expect(sources.filter((s) => s === 'b')).toHaveLength(10);
    // Nearest first within each source: a's nearest the band's middle (0.5), b's nearest the threshold.
    const aScores = drawn.filter((d) => d.doc.source === 'a').map((d) => Math.abs(d.doc.score - 0.5));
    expect(Math.max(...aScores)).toBeLessThan(0.011);
    expect(Math.max(...drawn.filter((d) => d.doc.source === 'b').map((d) => d.doc.score))).toBeLessThan(0.8195);
  });

  it('uncertainty: one source alone fills the sample when no other is near', () => {
    const one = documents(400, 1);
    const { drawn } = draw('uncertainty', one, 25);
    const distances = drawn.map((d) => Math.max(0, 0.2 - d.doc.score, d.doc.score - 0.8));
    expect(drawn).toHaveLength(25);
    expect(distances.every((x) => x === 0)).toBe(true);
  });

  it('stratified: every score bin x route is drawn, evenly, and the weights add up to the run', () => {
    const { drawn } = draw('stratified', docs, 130);
    const strata = new Map<string, number>();
    for (const d of drawn) strata.set(d.stratum!, (strata.get(d.stratum!) ?? 0) + 1);
    // Scores over 0..1 with thresholds 0.2/0.8: bins 0-1 human, 2-7 uncertain, 8-9 synthetic: 10 strata.
    expect(strata.size).toBe(10);
    expect([...strata.values()].every((c) => c === 13)).toBe(true);
    const total = drawn.reduce((sum, d) => sum + d.weight!, 0);
    expect(total).toBeCloseTo(docs.length, 6);
  });

  it('stratified: a small stratum gives what it cannot take to the others', () => {
    expect(evenShares(10, [100, 1, 100])).toEqual([4, 1, 5]);
    expect(evenShares(10, [2, 3])).toEqual([2, 3]);
    expect(evenShares(9, [50, 50, 50])).toEqual([3, 3, 3]);
  });

  it('holds at most n (random), 4n (uncertainty) or n per stratum (stratified) documents', () => {
    const many = documents(20_000);
    expect(draw('random', many, 25).held).toBe(25);
    expect(draw('uncertainty', many, 25).held).toBe(100);
    expect(draw('stratified', many, 25).held).toBeLessThanOrEqual(10 * 25);
  });

  it('random keys are uniform in [0, 1) and differ by seed', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => randomKey(7, `id-${i}`));
    expect(Math.min(...keys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...keys)).toBeLessThan(1);
    expect(keys.reduce((a, b) => a + b, 0) / keys.length).toBeCloseTo(0.5, 1);
    expect(randomKey(8, 'id-1')).not.toBe(randomKey(7, 'id-1'));
  });
});
