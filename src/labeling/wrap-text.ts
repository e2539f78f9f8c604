/**
 * Control characters of a crawled text (escape sequences among them) would drive the terminal that
 * shows it: each becomes a visible `\u241B`-style symbol (U+2400 block), tabs become spaces. Pure.
 */
export function displaySafe(text: string): string {
  return text
    .replace(/\t/g, '    ')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, (c) => String.fromCharCode(0x2400 + (c === '\u007f' ? 0x21 : c.charCodeAt(0))))
    .replace(/[\u0080-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

/**
 * `text` wrapped to lines of at most `width` characters (code points): at spaces where it can, a
 * word longer than a line cut; line breaks of the text kept. Pure.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  for (const paragraph of displaySafe(text).split('\n')) {
    let line: string[] = [];
    for (const word of paragraph.split(' ').filter((x) => x !== '')) {
      let chars = Array.from(word);
      if (line.length > 0 && line.length + 1 + chars.length > w) {
        lines.push(line.join(''));
        line = [];
      }
      while (chars.length > w) {
        if (line.length > 0) lines.push(line.join(''));
        lines.push(chars.slice(0, w).join(''));
        chars = chars.slice(w);
        line = [];
      }
      line = line.length > 0 ? [...line, ' ', ...chars] : chars;
    }
    lines.push(line.join(''));
  }
  return lines;
}

/** `text` cut to `width` code points, with an ellipsis when cut. Pure. */
export function fitLine(text: string, width: number): string {
  const chars = Array.from(displaySafe(text).replace(/\n/g, ' '));
  return chars.length <= width ? chars.join('') : `${chars.slice(0, Math.max(0, width - 1)).join('')}\u2026`;
}
