// Hand-made WARC/WET records for reader tests: small, exact, and easy to damage one header at a time.
import { gzipSync } from 'node:zlib';

export interface RecordSpec {
  type: 'warcinfo' | 'conversion' | 'response' | 'request';
  id?: string;
  /** The block (for a response: HTTP headers and payload). */
  block: string | Buffer;
  /** The Content-Length header's value; `null` leaves the header out. @defaultValue the block's length */
  contentLength?: string | null;
  /** More header lines, as written (`Name: value`). */
  extraHeaders?: string[];
  contentType?: string;
}

/** One record's bytes: version line, headers, blank line, block, and the CR LF CR LF that ends it. */
export function warcRecord(spec: RecordSpec): Buffer {
  const block = Buffer.isBuffer(spec.block) ? spec.block : Buffer.from(spec.block, 'utf8');
  const length = spec.contentLength === undefined ? String(block.length) : spec.contentLength;
  const headers = [
    'WARC/1.0',
    `WARC-Type: ${spec.type}`,
    ...(spec.id ? [`WARC-Record-ID: <urn:uuid:${spec.id}>`] : []),
    ...(spec.contentType ? [`Content-Type: ${spec.contentType}`] : []),
    ...(length === null ? [] : [`Content-Length: ${length}`]),
    ...(spec.extraHeaders ?? []),
  ];
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), block, Buffer.from('\r\n\r\n', 'latin1')]);
}

/** A WET conversion record holding `text`. */
export function wetRecord(id: string, text: string, overrides: Partial<RecordSpec> = {}): Buffer {
  return warcRecord({ type: 'conversion', id, block: text, contentType: 'text/plain', ...overrides });
}

/** A response record of an HTML page, with its HTTP headers. */
export function htmlResponse(id: string, html: string, httpHeaders: string[] = []): Buffer {
  const http = ['HTTP/1.1 200 OK', 'Content-Type: text/html; charset=utf-8', ...httpHeaders].join('\r\n');
  return warcRecord({ type: 'response', id, block: `${http}\r\n\r\n${html}`, contentType: 'application/http; msgtype=response' });
}

export const warcinfo = (): Buffer => warcRecord({ type: 'warcinfo', block: 'software: crawlsift-tests\r\n', contentType: 'application/warc-fields' });

/** A prose text long enough to read as a document. */
export const prose = (n: number): string => `Record number ${n} holds a few plain sentences of text. It is long enough to read as prose.`;

/** The records as one plain file, or as gzip with one member per record (as Common Crawl writes them). */
export function warcFile(records: Buffer[], gzip: boolean): Buffer {
  return Buffer.concat(gzip ? records.map((r) => gzipSync(r)) : records);
}

/** The byte offset of record `index` in the file `warcFile(records, gzip)` makes. */
export function recordOffset(records: Buffer[], index: number, gzip: boolean): number {
  return records.slice(0, index).reduce((sum, r) => sum + (gzip ? gzipSync(r).length : r.length), 0);
}
