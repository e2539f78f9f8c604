import { describe, expect, it } from 'vitest';
import { binLabels, histogram } from '../../src/report/histogram.js';
import { escapeHtml, htmlTable, jsonForScript } from '../../src/report/html.js';
import { thinPoints } from '../../src/report/charts.js';

describe('histogram', () => {
  it('counts scores in equal bins, 1 in the last bin, out-of-range ignored', () => {
    expect(histogram([0, 0.24, 0.25, 0.5, 0.99, 1, 1.2, -0.1, NaN], 4)).toEqual([2, 1, 1, 2]);
    expect(binLabels(4)).toEqual(['0.00-0.25', '0.25-0.50', '0.50-0.75', '0.75-1.00']);
  });
});

describe('html helpers', () => {
  it('escapes text and keeps JSON from closing its script element', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const json = jsonForScript({ text: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script>' });
  });

  it('renders tables with escaped cells', () => {
    expect(htmlTable(['a', 'b'], [['<x>', '1']])).toContain('<th scope="row">&lt;x&gt;</th><td>1</td>');
  });

  it('thins long curves but keeps both ends', () => {
    const points = Array.from({ length: 1001 }, (_, i) => i);
    const thin = thinPoints(points, 11);
    expect(thin).toHaveLength(11);
    expect(thin[0]).toBe(0);
    expect(thin[10]).toBe(1000);
  });
});
