/**
 * Homoglyph table: characters from other scripts that render like a Latin letter, folded to
 * that ASCII letter before scoring.
 *
 * Why: the RAID benchmark's homoglyph attack swaps Latin letters for Cyrillic or Greek
 * look-alikes (а for a, Ѕ for S, ...). A human reader sees the same text, but every word
 * n-gram and every dictionary look-up changes, so an unfolded detector is blinded. The table
 * covers RAID's mapping (a A B e E c p K O P M H T X C y o x I i N Z), the Cyrillic, Greek,
 * Armenian and Latin-extension look-alikes used by common homoglyph generators, and small
 * capitals. Fullwidth and mathematical letters (ａ, 𝐚) are not listed: NFKC already maps them.
 *
 * Cost of folding: genuine Greek, Cyrillic or Armenian text is partly rewritten. That is
 * acceptable here because the text is changed for scoring only (the output keeps the original)
 * and the detector scores English.
 */
export const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic lower case
  'а': 'a', // U+0430
  'е': 'e', // U+0435
  'о': 'o', // U+043E
  'р': 'p', // U+0440
  'с': 'c', // U+0441
  'у': 'y', // U+0443
  'х': 'x', // U+0445
  'і': 'i', // U+0456
  'ј': 'j', // U+0458
  'ѕ': 's', // U+0455
  'ԁ': 'd', // U+0501
  'һ': 'h', // U+04BB
  'ԛ': 'q', // U+051B
  'ԝ': 'w', // U+051D
  'ӏ': 'l', // U+04CF palochka
  'ү': 'y', // U+04AF
  'ҳ': 'x', // U+04B3
  'ѵ': 'v', // U+0475
  'ɡ': 'g', // U+0261 Latin script g (listed here with its usual companions)
  // Cyrillic upper case
  'А': 'A', // U+0410
  'В': 'B', // U+0412
  'Е': 'E', // U+0415
  'К': 'K', // U+041A
  'М': 'M', // U+041C
  'Н': 'H', // U+041D
  'О': 'O', // U+041E
  'Р': 'P', // U+0420
  'С': 'C', // U+0421
  'Т': 'T', // U+0422
  'Х': 'X', // U+0425
  'І': 'I', // U+0406
  'Ј': 'J', // U+0408
  'Ѕ': 'S', // U+0405
  'Ү': 'Y', // U+04AE
  'Ԛ': 'Q', // U+051A
  'Ԝ': 'W', // U+051C
  'Ӏ': 'I', // U+04C0 palochka
  // Greek lower case
  'α': 'a', // U+03B1
  'ε': 'e', // U+03B5
  'ι': 'i', // U+03B9
  'κ': 'k', // U+03BA
  'ν': 'v', // U+03BD
  'ο': 'o', // U+03BF
  'ρ': 'p', // U+03C1
  'τ': 't', // U+03C4
  'υ': 'u', // U+03C5
  'χ': 'x', // U+03C7
  'γ': 'y', // U+03B3
  'ϲ': 'c', // U+03F2 lunate sigma
  'ϳ': 'j', // U+03F3
  // Greek upper case
  'Α': 'A', // U+0391
  'Β': 'B', // U+0392
  'Ε': 'E', // U+0395
  'Ζ': 'Z', // U+0396
  'Η': 'H', // U+0397
  'Ι': 'I', // U+0399
  'Κ': 'K', // U+039A
  'Μ': 'M', // U+039C
  'Ν': 'N', // U+039D
  'Ο': 'O', // U+039F
  'Ρ': 'P', // U+03A1
  'Τ': 'T', // U+03A4
  'Υ': 'Y', // U+03A5
  'Χ': 'X', // U+03A7
  'Ϲ': 'C', // U+03F9 capital lunate sigma
  // Armenian
  'օ': 'o', // U+0585
  'ս': 'u', // U+057D
  'ո': 'n', // U+0578
  'հ': 'h', // U+0570
  'զ': 'q', // U+0566
  // Latin extensions and small capitals
  'ı': 'i', // U+0131 dotless i
  'ȷ': 'j', // U+0237 dotless j
  'ɑ': 'a', // U+0251 Latin alpha
  'ɩ': 'i', // U+0269 Latin iota
  'ʏ': 'y', // U+028F
  'ᴀ': 'a', // U+1D00
  'ᴄ': 'c', // U+1D04
  'ᴅ': 'd', // U+1D05
  'ᴇ': 'e', // U+1D07
  'ᴋ': 'k', // U+1D0B
  'ᴍ': 'm', // U+1D0D
  'ᴏ': 'o', // U+1D0F
  'ᴘ': 'p', // U+1D18
  'ᴛ': 't', // U+1D1B
  'ᴜ': 'u', // U+1D1C
  'ᴠ': 'v', // U+1D20
  'ᴡ': 'w', // U+1D21
  'ᴢ': 'z', // U+1D22
  'ɴ': 'n', // U+0274
  'ʀ': 'r', // U+0280
  'ʜ': 'h', // U+029C
  '℮': 'e', // U+212E estimated sign (not decomposed by NFKC)
};

/**
 * Typographic punctuation folded to ASCII, so that a document typed with smart quotes and one
 * typed with straight quotes give the same features (the labeled corpus was cleaned the same
 * way). Ellipsis and fullwidth forms are not listed: NFKC maps them.
 */
export const TYPOGRAPHIC_PUNCTUATION: Readonly<Record<string, string>> = {
  '\u2018': "'", // left single quotation mark
  '\u2019': "'", // right single quotation mark / apostrophe
  '\u201A': "'", // single low-9 quotation mark
  '\u201B': "'", // single high-reversed-9 quotation mark
  '\u2032': "'", // prime
  '\u02BC': "'", // modifier letter apostrophe
  '\u02BB': "'", // modifier letter turned comma
  '\u201C': '"', // left double quotation mark
  '\u201D': '"', // right double quotation mark
  '\u201E': '"', // double low-9 quotation mark
  '\u201F': '"', // double high-reversed-9 quotation mark
  '\u2033': '"', // double prime
  '\u00AB': '"', // left guillemet
  '\u00BB': '"', // right guillemet
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2015': '-', // horizontal bar
  '\u2212': '-', // minus sign
};

/**
 * One look-up table (UTF-16 code unit to ASCII code) for the normaliser's single pass.
 * Folding runs after NFKC, and NFKC rewrites a few table entries (lunate sigma ϲ becomes
 * final sigma ς, Ϲ becomes Σ), so each entry's NFKC image is folded the same way.
 */
export const FOLD_TABLE: ReadonlyMap<number, number> = (() => {
  const table = new Map<number, number>();
  for (const [from, to] of [...Object.entries(HOMOGLYPHS), ...Object.entries(TYPOGRAPHIC_PUNCTUATION)]) {
    table.set(from.charCodeAt(0), to.charCodeAt(0));
    const image = from.normalize('NFKC');
    if (image.length === 1 && image !== from && !table.has(image.charCodeAt(0))) table.set(image.charCodeAt(0), to.charCodeAt(0));
  }
  return table;
})();
