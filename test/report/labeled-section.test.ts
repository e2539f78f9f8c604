import { describe, expect, it } from 'vitest';
import { labeledSection } from '../../src/report/index.js';

describe('labeledSection with one class only', () => {
  it('shows the rate of the missing class as n/a, not 0% of nothing', () => {
    const thresholds = { low: 0.3, high: 0.7 };
    const humans = labeledSection({ scores: [0.1, 0.8, 0.2], labels: [false, false, false], thresholds }, 'x').html;
    expect(humans).toContain('<td>n/a (no synthetic documents)</td>');
    expect(humans).toMatch(/human loss at high 0\.7 \(human routed synthetic\)<\/th><td>33\.3% \[[^\]]+\] \(1\/3\)<\/td>/);
    const synthetic = labeledSection({ scores: [0.1, 0.9], labels: [true, true], thresholds }, 'x').html;
    expect(synthetic).toContain('<td>n/a (no human documents)</td>');
    expect(synthetic).toMatch(/leak-through at low 0\.3 \(synthetic routed human\)<\/th><td>50% \[[^\]]+\] \(1\/2\)<\/td>/);
  });
});
