import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt } from '../../src/classifier/index.js';
import { mulberry32 } from '../../src/classifier/prng.js';

describe('Platt scaling', () => {
  it('recovers the slope and offset that generated the labels', () => {
    const random = mulberry32(3);
    const logits: number[] = [];
    const labels: boolean[] = [];
    for (let i = 0; i < 20000; i++) {
      const z = random() * 8 - 4;
      logits.push(z);
      labels.push(random() < applyPlatt(z, { a: 0.5, b: -1 }));
    }
    const fit = fitPlatt(logits, labels);
    expect(fit.a).toBeCloseTo(0.5, 1);
    expect(fit.b).toBeCloseTo(-1, 1);
  });

  it('moves over-confident scores toward the observed frequencies', () => {
    // Logits say ~95% synthetic, but only 30% are: calibration must pull the mean to ~0.3.
    const logits = Array.from({ length: 1000 }, (_, i) => 3 + (i % 10) * 0.01);
    const labels = logits.map((_, i) => i % 10 < 3);
    const fit = fitPlatt(logits, labels);
    const mean = logits.reduce((s, z) => s + applyPlatt(z, fit), 0) / logits.length;
    expect(mean).toBeCloseTo(0.3, 2);
  });

  it('stays finite on a perfectly separable dev set', () => {
    const logits = [-3, -2, -1, 1, 2, 3];
    const fit = fitPlatt(logits, [false, false, false, true, true, true]);
    expect(Number.isFinite(fit.a) && Number.isFinite(fit.b)).toBe(true);
    expect(applyPlatt(3, fit)).toBeLessThan(1);
  });
});
