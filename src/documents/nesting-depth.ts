/**
 * The deepest a record's JSON may nest: the record object itself is depth 1, `{"a": [1]}` is 2.
 * Real records are shallow (serde_json refuses past 128 levels by default, Ruby's JSON past 100),
 * while what a record goes through after reading recurses once per level and breaks far deeper:
 * on Node 20 (main thread, 984 KB stack) `JSON.stringify` (shard writers, BullMQ's `Job.asJSON`)
 * throws from about 3,200 to 4,100 levels and structured clone (`postMessage`) from about 2,500
 * to 3,200, the less the deeper the caller's own stack. 512 keeps five times below the worst.
 */
export const MAX_NESTING_DEPTH = 512;

/** The rejection detail of a record that nests deeper than `limit`. */
export function tooDeepDetail(limit: number): string {
  return `the record nests arrays and objects more than ${limit} levels deep`;
}

/**
 * True when `value` (parsed JSON) nests arrays and objects more than `limit` deep. Iterative
 * (a stack of the containers still to visit), so any depth is safe to check; it visits each
 * container once and stops at the first one past the limit. An ordinary record (a handful of
 * fields, the text a string) costs well under a microsecond.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const containers: object[] = [value];
  const depths: number[] = [1];
  while (containers.length > 0) {
    const container = containers.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(container)) {
      for (const child of container) {
        if (typeof child === 'object' && child !== null) {
          containers.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in container) {
        const child = (container as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) {
          containers.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/**
 * True when the JSON `text` nests arrays and objects more than `limit` deep, judged from the text
 * before it is parsed: `JSON.parse` is iterative but slow on deep nesting (a 4 MB line of 2,000,000
 * nested arrays took 4.6 s and 130 MB), and the record would be rejected anyway. Brackets inside
 * strings do not count. A text with at most `limit` brackets `[` and `{` in all, as nearly every
 * record is, is cleared by two `indexOf` scans; others by one pass of a regular expression. On
 * malformed JSON it only counts brackets. Iterative.
 */
export function textNestsDeeperThan(text: string, limit: number): boolean {
  if (openingBrackets(text, limit) <= limit) return false;
  const structural = /["[\]{}]/g;
  let depth = 0;
  for (let match = structural.exec(text); match !== null; match = structural.exec(text)) {
    const c = text.charCodeAt(match.index);
    if (c === QUOTE) structural.lastIndex = closingQuote(text, match.index) + 1;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else depth--;
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;

/** How many `[` and `{` the text holds, counted up to `limit + 1` (enough to tell it is over). */
function openingBrackets(text: string, limit: number): number {
  let count = 0;
  for (const bracket of ['[', '{']) {
    for (let at = text.indexOf(bracket); at !== -1 && count <= limit; at = text.indexOf(bracket, at + 1)) count++;
  }
  return count;
}

/** The index of the quote that closes the string opened at `open`, or the text's length if none does. */
function closingQuote(text: string, open: number): number {
  for (let from = open + 1; ; ) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    // Escaped when an odd number of backslashes stands before it.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}
