// Near-duplicates planted in real text at controlled edit rates: for the dedup benchmark and the
// dedup test fixture (bench/make-dedup-fixture.ts). Word edits count whitespace-separated tokens.
import type { Rng } from '../../src/random.js';
import { shuffleInPlace } from '../../src/random.js';

/** One way a variant differs from its base document. */
export type PlantedEdit =
  /** Each word replaced by a word of `vocabulary` with probability `rate`. */
  | { kind: 'substitute'; rate: number }
  /** Each word removed with probability `rate`. */
  | { kind: 'delete'; rate: number }
  /** A word of `vocabulary` inserted after each word with probability `rate`. */
  | { kind: 'insert'; rate: number }
  /** The sentences shuffled (a different order whenever there are two or more). */
  | { kind: 'reorder' }
  /** A boilerplate text put before (header) or after (footer) the document. */
  | { kind: 'header' | 'footer'; text: string };

/** A cookie banner and a site footer, as crawled pages carry them. */
export const BOILERPLATE = {
  header: 'We use cookies and similar technologies to improve your experience on our website, to personalise content and ads, and to analyse our traffic. By continuing to browse you agree to our use of cookies.',
  footer: 'Copyright 2024 Example Media Group. All rights reserved. Subscribe to our newsletter for the latest stories delivered to your inbox every morning. Follow us on social media. Terms of service. Privacy policy. Contact us.',
};

/** `text` with `edits` applied in order; `vocabulary` supplies substituted and inserted words. */
export function plantVariant(text: string, edits: readonly PlantedEdit[], vocabulary: readonly string[], random: Rng): string {
  let out = text;
  const pick = () => vocabulary[Math.floor(random() * vocabulary.length)]!;
  for (const edit of edits) {
    switch (edit.kind) {
      case 'substitute':
        out = words(out).map((w) => (random() < edit.rate ? pick() : w)).join(' ');
        break;
      case 'delete':
        out = words(out).filter(() => random() >= edit.rate).join(' ');
        break;
      case 'insert':
        out = words(out).flatMap((w) => (random() < edit.rate ? [w, pick()] : [w])).join(' ');
        break;
      case 'reorder': {
        const sentences = out.split(/(?<=[.!?])\s+/).filter(Boolean);
        if (sentences.length < 2) break;
        const original = sentences.join(' ');
        let shuffled = original;
        for (let tries = 0; tries < 10 && shuffled === original; tries++) shuffled = shuffleInPlace([...sentences], random).join(' ');
        out = shuffled;
        break;
      }
      case 'header':
        out = `${edit.text} ${out}`;
        break;
      case 'footer':
        out = `${out} ${edit.text}`;
        break;
    }
  }
  return out;
}

/** A short description of edits, for the records that carry them: `substitute 0.02 + footer`. */
export function describeEdits(edits: readonly PlantedEdit[]): string {
  return edits.map((e) => ('rate' in e ? `${e.kind} ${e.rate}` : e.kind)).join(' + ');
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The words of some texts, once each, in first-seen order: a vocabulary to edit with. */
export function vocabularyOf(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((t) => words(t).map((w) => w.replace(/[^\p{L}\p{N}'-]/gu, '')).filter((w) => w.length > 2)))];
}
