/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON safe inside a `<script>` element: `<` is escaped so no `</script>` or `<!--` in the
 * data can end the element early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A plain table; cells are text (escaped). The first column is a row header. */
export function htmlTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, caption?: string): string {
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A titled section of the page. `bodyHtml` must already be HTML. */
export function section(title: string, bodyHtml: string, id?: string): string {
  return `<section${id ? ` id="${escapeHtml(id)}"` : ''}><h2>${escapeHtml(title)}</h2>\n${bodyHtml}\n</section>`;
}

/** A paragraph of escaped text. */
export function paragraph(text: string, className?: string): string {
  return `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;
}

export const PAGE_STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .6rem 0; } caption { text-align: left; color: #555; padding-bottom: .3rem; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid #eee; text-align: right; font-variant-numeric: tabular-nums; }
th[scope=row], thead th:first-child { text-align: left; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
.chart { position: relative; height: 260px; } .chart.wide { height: 340px; }
.meta { color: #555; } .warning { color: #8a4b00; }
`;
