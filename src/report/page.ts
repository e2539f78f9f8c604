import { chartLibrarySource } from './chart-library.js';
import type { ChartSpec } from './charts.js';
import { escapeHtml, jsonForScript, PAGE_STYLE } from './html.js';

/**
 * One self-contained HTML page: the sections' HTML, Chart.js inline, and the chart specs as
 * JSON. After drawing, `<body data-charts-drawn="N">` tells a test (or a person) how many
 * charts were drawn.
 */
export function renderPage(title: string, sectionsHtml: readonly string[], charts: readonly ChartSpec[]): string {
  // `</script` inside the library text would end the element; Chart.js has none, but be safe.
  const library = chartLibrarySource().replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${sectionsHtml.join('\n')}
<script>${library}</script>
<script type="application/json" id="chart-specs">${jsonForScript(charts)}</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  var drawn = 0;
  specs.forEach(function (spec) {
    new Chart(document.getElementById(spec.id), spec.config);
    drawn += 1;
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
</script>
</body>
</html>
`;
}
