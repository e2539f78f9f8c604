import { compile } from 'html-to-text';

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

/** The readable text of an HTML page. */
export function htmlToPlainText(html: string): string {
  return convertHtml(html);
}

/** `<urn:uuid:1234>` → `1234`; other `<...>` ids lose their brackets only. */
export function warcRecordId(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const inner = header.trim().replace(/^<(.*)>$/, '$1');
  return inner.replace(/^urn:uuid:/i, '') || undefined;
}
