import { z } from 'zod';
import { isIdentifiableLanguage } from './languages.js';
import { ScopeError } from './errors.js';

/**
 * What a model card records about the text its model can judge (`card.scope`), and what
 * `--languages` and `--min-words` override.
 */
export const ScopeSettingsSchema = z.object({
  /**
   * Languages the model judges, as the identifier's ISO 639 codes (`IDENTIFIABLE_LANGUAGES`:
   * ISO 639-1 where one exists, such as `en`; else ISO 639-3, such as `ceb`).
   */
  languages: z
    .array(z.string())
    .min(1, 'list at least one language')
    .superRefine((codes, ctx) => {
      for (const [i, code] of codes.entries()) {
        if (!isIdentifiableLanguage(code)) {
          ctx.addIssue({ code: 'custom', path: [i], message: `unknown language code ${JSON.stringify(code)}: expected an ISO 639 code the identifier returns, such as "en", "de" or "zh" (see IDENTIFIABLE_LANGUAGES)` });
        }
      }
    })
    .transform((codes) => [...new Set(codes)]),
  /**
   * Fewest words a document needs to be judged, counted as the features count them (the
   * tokeniser of src/features/tokenize.ts over the scoring window). 0 turns the length check off.
   */
  minWords: z.number().int().nonnegative(),
});
export type ScopeSettings = z.infer<typeof ScopeSettingsSchema>;

/** The defaults of the options a model card does not carry (measured in bench/scope.ts). */
export const SCOPE_DEFAULTS = {
  minConfidence: 0.5,
  prefixChars: 300,
} as const;

/** Everything `checkScope` reads: the card's settings and how the language is identified. */
export const ScopeOptionsSchema = ScopeSettingsSchema.extend({
  /**
   * Least probability the identifier must give a listed language for the document to be in scope.
   * Text in a language the identifier does not know tends to come out as English with a low
   * probability; this floor keeps it out.
   * @defaultValue 0.5
   */
  minConfidence: z.number().min(0).max(1).default(SCOPE_DEFAULTS.minConfidence),
  /**
   * The language is identified on the first `prefixChars` UTF-16 code units of the normalised
   * text (cut back to a space when one is near): the identifier's cost grows with the text's
   * length, its accuracy stops growing long before.
   * @defaultValue 300
   */
  prefixChars: z.number().int().min(1).default(SCOPE_DEFAULTS.prefixChars),
}).strict();
export type ScopeOptionsInput = z.input<typeof ScopeOptionsSchema>;
export type ScopeOptions = z.output<typeof ScopeOptionsSchema>;

/**
 * Validates scope options from outside (flags, a card, a job payload) and fills in defaults.
 * @throws {ScopeError} `scope-options-invalid`, naming the bad field and value.
 */
export function parseScopeOptions(input: unknown): ScopeOptions {
  const parsed = ScopeOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ScopeError('scope-options-invalid', `invalid scope options: ${where}${issue?.message ?? 'invalid'}`);
}
