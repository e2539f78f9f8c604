import { describe, expect, it } from 'vitest';
import { resolveThresholds, routeScore } from '../../src/routing/index.js';

describe('routeScore', () => {
  const t = { low: 0.2, high: 0.8 };
  it('routes below low to human, at or above high to synthetic, between to uncertain', () => {
    expect(routeScore(0, t)).toBe('human');
    expect(routeScore(0.19999, t)).toBe('human');
    expect(routeScore(0.2, t)).toBe('uncertain'); // low itself is not "below low"
    expect(routeScore(0.79999, t)).toBe('uncertain');
    expect(routeScore(0.8, t)).toBe('synthetic'); // high itself is synthetic
    expect(routeScore(1, t)).toBe('synthetic');
  });
  it('has no uncertain band when low equals high', () => {
    const edge = { low: 0.5, high: 0.5 };
    expect(routeScore(0.4999, edge)).toBe('human');
    expect(routeScore(0.5, edge)).toBe('synthetic');
  });
});

describe('resolveThresholds', () => {
  const card = { low: 0.3, high: 0.7 };
  it('lets flags override a file, and a file override the card', () => {
    expect(resolveThresholds(card, undefined, {})).toEqual(card);
    expect(resolveThresholds(card, { low: 0.1, high: 0.9 }, {})).toEqual({ low: 0.1, high: 0.9 });
    expect(resolveThresholds(card, { low: 0.1, high: 0.9 }, { high: 0.5 })).toEqual({ low: 0.1, high: 0.5 });
  });
  it('refuses low above high, naming both', () => {
    expect(() => resolveThresholds(card, undefined, { low: 0.8 })).toThrow(/low 0.8, high 0.7/);
  });
});
