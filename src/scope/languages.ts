/**
 * The language codes the scope guard speaks: what the identifier (fastText's lid.176 model, see
 * `language-identifier.ts`) can return, as ISO 639 codes.
 *
 * lid.176's 176 labels are ISO 639-1 codes where one exists (en, de, zh, he, no, ...) and
 * otherwise the code Wikipedia uses for that language edition, which is an ISO 639-3 (or 639-2)
 * code for all but one: `als`, Wikipedia's code for Alemannic, is ISO 639-3 for Tosk Albanian,
 * so it is reported as Alemannic's ISO 639-3 code `gsw`. Everything else is reported as the model
 * returns it. Kept as returned and worth knowing: `sh` (Serbo-Croatian, a deprecated ISO 639-1
 * code that the model uses beside `sr`, `hr` and `bs`), `no` (Norwegian, beside `nn` Nynorsk; the
 * model has no `nb`), `bh` (Bihari languages), `nah` (Nahuatl languages, ISO 639-2), `eml`
 * (Emilian-Romagnol, a retired ISO 639-3 code).
 */

/** The code of text with no language to identify (no letter at all): ISO 639-2 "undetermined". */
export const UNDETERMINED = 'und';

/** lid.176 labels whose ISO code differs from the label. */
const LABEL_TO_CODE: Readonly<Record<string, string>> = { als: 'gsw' };

/** The ISO code for a lid.176 label (without fastText's `__label__` prefix). */
export function codeForLabel(label: string): string {
  return LABEL_TO_CODE[label] ?? label;
}

const LID176_LABELS =
  'af als am an ar arz as ast av az azb ba bar bcl be bg bh bn bo bpy br bs bxr ca cbk ce ceb ckb co cs cv cy da de ' +
  'diq dsb dty dv el eml en eo es et eu fa fi fr frr fy ga gd gl gn gom gu gv he hi hif hr hsb ht hu hy ia id ie ilo ' +
  'io is it ja jbo jv ka kk km kn ko krc ku kv kw ky la lb lez li lmo lo lrc lt lv mai mg mhr min mk ml mn mr mrj ms ' +
  'mt mwl my myv mzn nah nap nds ne new nl nn no oc or os pa pam pfl pl pms pnb ps pt qu rm ro ru rue sa sah sc scn ' +
  'sco sd sh si sk sl so sq sr su sv sw ta te tg th tk tl tr tt tyv ug uk ur uz vec vep vi vls vo wa war wuu xal ' +
  'xmf yi yo yue zh';

/** Every code the identifier can return (176, sorted), not counting {@link UNDETERMINED}. */
export const IDENTIFIABLE_LANGUAGES: readonly string[] = LID176_LABELS.split(' ').map(codeForLabel).sort();

const IDENTIFIABLE = new Set(IDENTIFIABLE_LANGUAGES);

/** True when `code` is one the identifier can return, so a scope may list it. */
export function isIdentifiableLanguage(code: string): boolean {
  return IDENTIFIABLE.has(code);
}
