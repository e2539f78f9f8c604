import { compile } from 'html-to-text';
import { Parser } from 'htmlparser2';

/** What a WARC record holds for us, decided from its types alone. */
export type WarcContentKind = 'html' | 'text' | 'unsupported' | 'skip';

/**
 * `response`/`resource` records carry fetched payloads (HTML → text; other text as-is; the rest
 * is unsupported). `conversion` records (WET) already hold extracted plain text. warcinfo,
 * request, metadata, revisit and continuation records describe a crawl, not a document.
 */
export function classifyWarcRecord(warcType: string, contentType: string | undefined): WarcContentKind {
  if (warcType === 'conversion') return 'text';
  if (warcType !== 'response' && warcType !== 'resource') return 'skip';
  const mime = mimeType(contentType);
  // No Content-Type: we cannot tell a page from an image, and scoring binary garbage is worse than
  // rejecting a page.
  if (mime === undefined) return 'unsupported';
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime.startsWith('text/')) return 'text';
  return 'unsupported';
}

/** `text/html; charset=utf-8` → `text/html`. */
export function mimeType(contentType: string | undefined): string | undefined {
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  return mime ? mime : undefined;
}

/** The charset parameter of a Content-Type, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match?.[1];
}

/**
 * Decodes a fetched payload with its declared charset (falling back to UTF-8 for unknown
 * labels). Lossy on purpose: web pages often hold stray bytes, and a page is still worth scoring.
 */
export function decodePayload(bytes: Uint8Array, contentType: string | undefined): string {
  const label = charsetOf(contentType) ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

// Compiled once: html-to-text is much faster reusing one converter. Links print as their text
// only, images, scripts and styles are dropped: we want the prose a reader sees.
const convertHtml = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((h) => ({ selector: h, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/** Thrown from a parser callback to stop parsing once the answer is known. */
const DEEP_ENOUGH = Symbol('deep enough');

/**
 * True when the HTML page nests elements more than `limit` deep, as htmlparser2 (which html-to-text
 * parses with) builds them: unclosed tags nest, implied closes (`<p>`, `<li>`) do not. Two reasons
 * to ask before converting: html-to-text walks the tree recursively (5,000 nested `<div>` overflow
 * the stack), and htmlparser2 keeps its stack of open elements with `unshift`/`shift`, so each tag
 * costs time in the depth: 80,000 nested `<div>` take 7 s to parse, a 4 MB page of them hours. This
 * pass stops at the limit, so it costs at most `limit` per tag (about 9% of converting an ordinary page).
 */
export function htmlNestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  const parser = new Parser({
    onopentagname() {
      if (++depth > limit) throw DEEP_ENOUGH;
    },
    onclosetag() {
      depth--;
    },
  });
  try {
    parser.end(html);
  } catch (error) {
    if (error === DEEP_ENOUGH) return true;
    throw error;
  }
  return false;
}

/** The readable text of an HTML page (check its depth first: see {@link htmlNestsDeeperThan}). */
export function htmlToPlainText(html: string): string {
  return convertHtml(html);
}

/** `<urn:uuid:1234>` → `1234`; other `<...>` ids lose their brackets only. */
export function warcRecordId(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const inner = header.trim().replace(/^<(.*)>$/, '$1');
  return inner.replace(/^urn:uuid:/i, '') || undefined;
}
