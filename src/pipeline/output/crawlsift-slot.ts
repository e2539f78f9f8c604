const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const METADATA = Buffer.from('"metadata"');
const CRAWLSIFT = Buffer.from('"crawlsift"');

/**
 * Where `metadata.crawlsift`'s object lies in a record line this project wrote (`JSON.stringify`
 * output: no whitespace): its start and end byte offsets, or undefined when the record has none. The
 * structure is walked without parsing the record: strings are skipped with `indexOf`, so a record's
 * long text costs a few calls, not a parse. UTF-8 is safe to walk byte by byte: no byte of a
 * multi-byte character is below 0x80, where every JSON delimiter is.
 */
export function crawlsiftSlot(line: Uint8Array): [number, number] | undefined {
  const bytes = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  if (bytes[0] !== 0x7b) return undefined;
  const metadata = memberValue(bytes, 1, METADATA);
  if (metadata === undefined || bytes[metadata] !== 0x7b) return undefined;
  const crawlsift = memberValue(bytes, metadata + 1, CRAWLSIFT);
  if (crawlsift === undefined || bytes[crawlsift] !== 0x7b) return undefined;
  return [crawlsift, endOfValue(bytes, crawlsift)];
}

/** The start of the value of member `key` (a quoted JSON key) of the object whose members start at `at`. */
function memberValue(bytes: Buffer, at: number, key: Buffer): number | undefined {
  let i = at;
  while (i < bytes.length && bytes[i] === QUOTE) {
    const keyEnd = endOfString(bytes, i);
    const value = keyEnd + 1; // past the ':'
    if (keyEnd - i === key.length && bytes.compare(key, 0, key.length, i, keyEnd) === 0) return value;
    i = endOfValue(bytes, value);
    if (bytes[i] !== 0x2c) return undefined; // '}': no such member
    i++;
  }
  return undefined;
}

/** The offset just past the string starting at `at` (a quote). */
function endOfString(bytes: Buffer, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from);
    if (quote < 0) return bytes.length;
    let backslashes = 0;
    for (let k = quote - 1; bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The offset just past the JSON value starting at `at`. */
function endOfValue(bytes: Buffer, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return endOfString(bytes, at);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    for (let i = at; i < bytes.length; ) {
      const c = bytes[i]!;
      if (c === QUOTE) {
        i = endOfString(bytes, i);
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return bytes.length;
  }
  let i = at;
  while (i < bytes.length && bytes[i] !== 0x2c && bytes[i] !== 0x7d && bytes[i] !== 0x5d) i++;
  return i;
}
