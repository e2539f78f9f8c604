import { z } from 'zod';
import { ScopeSettingsSchema, type ScopeSettings } from '../scope/options.js';

const count = z.number().int().nonnegative();

/**
 * The labeled documents a command (`tune`, `eval --scope`) left out because filter's scope guard
 * would not score them (their language is not one the model judges, or they are too short), so
 * that its figures are those of the documents filter routes.
 */
export const ScopeLeftOutSchema = z.object({
  /** The scope applied: the card's, or --languages and --min-words. */
  scope: ScopeSettingsSchema,
  documents: count,
  synthetic: count,
  human: count,
  tooShort: count,
  /** Left out for their language, by the language identified (`und`: no letter to identify). */
  byLanguage: z.record(z.string(), count),
});
export type ScopeLeftOut = z.infer<typeof ScopeLeftOutSchema>;

/** A scope guard's decision as the summary reads it (a `ScopeDecision` fits). */
type Decision = { inScope: true } | { inScope: false; reason: 'language' | 'too-short'; language: string };

/**
 * What was left out of `docs`, given the scope guard's decision on each: the documents it would not
 * score, by label, reason and language (most first).
 */
export function summariseLeftOut(scope: ScopeSettings, docs: ReadonlyArray<{ label: 'human' | 'synthetic' }>, decisions: readonly Decision[]): ScopeLeftOut {
  const summary: ScopeLeftOut = { scope: { languages: [...scope.languages], minWords: scope.minWords }, documents: 0, synthetic: 0, human: 0, tooShort: 0, byLanguage: {} };
  decisions.forEach((d, i) => {
    if (d.inScope) return;
    summary.documents++;
    summary[docs[i]!.label]++;
    if (d.reason === 'too-short') summary.tooShort++;
    else summary.byLanguage[d.language] = (summary.byLanguage[d.language] ?? 0) + 1;
  });
  summary.byLanguage = Object.fromEntries(Object.entries(summary.byLanguage).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
  return summary;
}

/**
 * The `scope:` line of the tune and eval tables, e.g. `scope: en, 48+ words; left out 3 labeled
 * documents filter would leave unscored (1 synthetic, 2 human; 2 too short; by language: de 1)`.
 */
export function formatLeftOut(u: ScopeLeftOut): string {
  const scope = `scope: ${u.scope.languages.join(', ')}${u.scope.minWords > 0 ? `, ${u.scope.minWords}+ words` : ''}`;
  if (u.documents === 0) return `${scope}; every labeled document is in scope`;
  const language = Object.entries(u.byLanguage).map(([code, n]) => `${code} ${n}`).join(', ');
  const reasons = [u.tooShort > 0 ? `${u.tooShort} too short` : '', language ? `by language: ${language}` : ''].filter(Boolean).join('; ');
  return `${scope}; left out ${u.documents} labeled documents filter would leave unscored (${u.synthetic} synthetic, ${u.human} human; ${reasons})`;
}
