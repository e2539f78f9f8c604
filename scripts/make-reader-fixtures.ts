/**
 * Writes the input-reader fixtures in fixtures/readers/ from real corpus text.
 *
 *   npx tsx scripts/make-reader-fixtures.ts
 *
 * Deterministic: the same corpus gives byte-identical JSON/JSONL fixtures. WARC fixtures use
 * fixed record ids and dates, so they are stable too (gzip output may vary with the zlib
 * version, which is why tests read them back rather than compare bytes).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';

const CORPUS = '/work/shared/data/detect-corpus/test.jsonl';
const OUT = 'fixtures/readers';

interface CorpusDoc {
  id: string;
  text: string;
  label: 'human' | 'synthetic';
  source: string;
  generator: string | null;
}

function loadCorpus(): CorpusDoc[] {
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusDoc);
}

/**
 * Every `step`-th document, so the sample spans all four sources of the corpus; the offset
 * alternates because the corpus lists each human text right before its synthetic twin.
 */
function spread(docs: CorpusDoc[], count: number): CorpusDoc[] {
  const step = Math.floor(docs.length / count);
  return Array.from({ length: count }, (_, i) => docs[i * step + (i % 2)]!);
}

const jsonl = (docs: unknown[]): string => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';

function writeJsonFixtures(docs: CorpusDoc[]): void {
  const sample = docs.slice(0, 36);
  const text = jsonl(sample);
  writeFileSync(join(OUT, 'sample.jsonl'), text);
  writeFileSync(join(OUT, 'sample.jsonl.gz'), gzipSync(text));

  // Three gzip members back to back, as `cat a.gz b.gz c.gz` or a parallel compressor makes.
  const thirds = [sample.slice(0, 12), sample.slice(12, 24), sample.slice(24, 36)];
  writeFileSync(
    join(OUT, 'multi-member.jsonl.gz'),
    Buffer.concat(thirds.map((part) => gzipSync(jsonl(part)))),
  );

  // Cut inside the compressed data: what a killed `gzip` or a partial download leaves behind.
  const gz = gzipSync(text);
  writeFileSync(join(OUT, 'truncated.jsonl.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));

  const arrayDocs = docs.slice(36, 46);
  writeFileSync(join(OUT, 'array.json'), JSON.stringify(arrayDocs, null, 2) + '\n');
  // A scalar and an object before the array: the reader must skip them to find `documents`.
  const wrapped = {
    version: 1,
    meta: { origin: 'detect-corpus test split', items: [1, 2, 3] },
    documents: docs.slice(46, 54),
    trailer: 'ignored',
  };
  writeFileSync(join(OUT, 'wrapped.json'), JSON.stringify(wrapped, null, 2) + '\n');
}

/**
 * One line per rejection reason, mixed with good lines. Read it with `maxDocBytes: 2000`:
 * line 10's text (about 5 KB) is then over the document limit, and line 11 (about 10 KB) is
 * over the line limit (4 x maxDocBytes) and is rejected without being parsed.
 */
function writeMalformed(docs: CorpusDoc[]): void {
  const good = docs.slice(54, 60);
  const long = (n: number): string => {
    let out = '';
    for (const d of docs) {
      if (out.length >= n) break;
      out += d.text + ' ';
    }
    return out.slice(0, n);
  };
  const lines: Buffer[] = [
    /* 1 */ Buffer.from(JSON.stringify(good[0])),
    /* 2 */ Buffer.from(''),
    /* 3 */ Buffer.from('{"id": "broken", "text": "an unterminated string'),
    /* 4 */ Buffer.from('["an", "array", "not", "an", "object"]'),
    /* 5 */ Buffer.concat([
      Buffer.from('{"id": "bad-bytes", "text": "caf'),
      Buffer.from([0xc3, 0x28, 0xff]), // invalid UTF-8: a lead byte without continuation, and 0xFF
      Buffer.from(' au lait"}'),
    ]),
    /* 6 */ Buffer.from(JSON.stringify({ id: 'no-text', body: good[1]!.text })),
    /* 7 */ Buffer.from(JSON.stringify({ id: 'numeric-text', text: 42 })),
    /* 8 */ Buffer.from(JSON.stringify({ id: 'blank-text', text: ' \t\n ' })),
    /* 9 */ Buffer.from(JSON.stringify({ id: 12345, text: good[2]!.text })),
    /* 10 */ Buffer.from(JSON.stringify({ id: 'long-text', text: long(5000) })),
    /* 11 */ Buffer.from(JSON.stringify({ id: 'huge-line', text: long(10000) })),
    /* 12 */ Buffer.from(' \t '),
    /* 13 */ Buffer.from('null'),
    /* 14 */ Buffer.from(JSON.stringify({ text: good[3]!.text, label: good[3]!.label })),
    /* 15 */ Buffer.from(JSON.stringify({ id: { nested: true }, text: good[4]!.text })),
    /* 16 */ Buffer.from(JSON.stringify(good[5]) + '\r'), // a CRLF line ending
  ];
  writeFileSync(join(OUT, 'malformed.jsonl'), Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
}

const WARC_DATE = '2024-03-01T12:00:00Z';
const recordId = (n: number): string =>
  `<urn:uuid:00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}>`;

async function* bytes(body: string | Uint8Array): AsyncGenerator<Uint8Array> {
  yield typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page as a crawler sees it: navigation, a link, an image, a script, then the article. */
function htmlPage(doc: CorpusDoc): string {
  const sentences = doc.text.split(/(?<=[.!?]) /);
  const half = Math.ceil(sentences.length / 2);
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>' + escapeHtml(doc.id) + '</title>',
    '<script>window.analytics = { track: function () {} };</script>',
    '<style>body { font-family: serif; }</style></head><body>',
    '<nav><a href="https://example.org/">Home</a></nav>',
    '<img src="https://example.org/banner.png" alt="banner">',
    '<p>' + escapeHtml(sentences.slice(0, half).join(' ')) + '</p>',
    '<p>' + escapeHtml(sentences.slice(half).join(' ')) + '</p>',
    '</body></html>',
  ].join('\n');
}

/** The 67-byte 1x1 transparent PNG: a real non-text payload. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function serialize(record: WARCRecord): Promise<Uint8Array> {
  return WARCSerializer.serialize(record, { gzip: true });
}

/** Returns the gzip members in order, so callers can corrupt or cut a chosen one. */
async function buildWarc(docs: CorpusDoc[]): Promise<Uint8Array[]> {
  const members: Uint8Array[] = [];
  let n = 1;
  const info = WARCRecord.createWARCInfo(
    { filename: 'sample.warc.gz', warcVersion: 'WARC/1.1', date: WARC_DATE, warcHeaders: { 'WARC-Record-ID': recordId(n++) } },
    { software: 'crawlsift make-reader-fixtures', format: 'WARC File Format 1.1' },
  );
  members.push(await serialize(info));

  const addPair = async (url: string, contentType: string, body: string | Uint8Array): Promise<void> => {
    const request = WARCRecord.create(
      {
        url,
        date: WARC_DATE,
        type: 'request',
        warcVersion: 'WARC/1.1',
        statusline: `GET ${new URL(url).pathname} HTTP/1.1`,
        httpHeaders: { Host: new URL(url).host, 'User-Agent': 'crawlsift-fixtures/1.0' },
        warcHeaders: { 'WARC-Record-ID': recordId(n++) },
      },
      bytes(''),
    );
    const response = WARCRecord.create(
      {
        url,
        date: WARC_DATE,
        type: 'response',
        warcVersion: 'WARC/1.1',
        httpHeaders: { 'Content-Type': contentType, Server: 'fixture' },
        warcHeaders: { 'WARC-Record-ID': recordId(n++) },
      },
      bytes(body),
    );
    members.push(await serialize(request), await serialize(response));
  };

  for (const doc of docs) {
    await addPair(`https://news.example.org/${doc.id}`, 'text/html; charset=utf-8', htmlPage(doc));
  }
  await addPair('https://news.example.org/pixel.png', 'image/png', PNG_1X1);

  const metadata = WARCRecord.create(
    {
      url: 'https://news.example.org/pixel.png',
      date: WARC_DATE,
      type: 'metadata',
      warcVersion: 'WARC/1.1',
      warcHeaders: { 'WARC-Record-ID': recordId(n++), 'Content-Type': 'application/warc-fields' },
    },
    bytes('fetchTimeMs: 12\r\n'),
  );
  members.push(await serialize(metadata));
  return members;
}

async function buildWet(docs: CorpusDoc[]): Promise<Uint8Array[]> {
  const members: Uint8Array[] = [];
  let n = 100;
  members.push(
    await serialize(
      WARCRecord.createWARCInfo(
        { filename: 'sample.warc.wet.gz', warcVersion: 'WARC/1.0', date: WARC_DATE, warcHeaders: { 'WARC-Record-ID': recordId(n++) } },
        { software: 'crawlsift make-reader-fixtures', description: 'Wet file: plain text extracted from HTML responses' },
      ),
    ),
  );
  for (const doc of docs) {
    const conversion = WARCRecord.create(
      {
        url: `https://blog.example.net/${doc.id}`,
        date: WARC_DATE,
        type: 'conversion',
        warcVersion: 'WARC/1.0',
        warcHeaders: {
          'WARC-Record-ID': recordId(n++),
          'WARC-Refers-To': recordId(n + 1000),
          'Content-Type': 'text/plain',
        },
      },
      bytes(doc.text),
    );
    members.push(await serialize(conversion));
  }
  return members;
}

async function writeWarcFixtures(docs: CorpusDoc[]): Promise<void> {
  const warc = await buildWarc(docs.slice(60, 66));
  writeFileSync(join(OUT, 'sample.warc.gz'), Buffer.concat(warc));

  // Flip bytes in the middle of the compressed data of member 6 (the third response): the
  // members before it read fine, the damaged one cannot be inflated, the ones after it are intact.
  const corrupt = warc.map((m) => Buffer.from(m));
  const victim = corrupt[6]!;
  const middle = Math.floor(victim.length / 2);
  for (let i = middle; i < middle + 24; i++) victim[i] = victim[i]! ^ 0x5a;
  writeFileSync(join(OUT, 'corrupt.warc.gz'), Buffer.concat(corrupt));

  // The file ends in the middle of the last response's member.
  const cut = Buffer.concat(warc.slice(0, 9));
  writeFileSync(join(OUT, 'truncated.warc.gz'), cut.subarray(0, cut.length - 40));

  const wet = await buildWet(docs.slice(66, 72));
  writeFileSync(join(OUT, 'sample.warc.wet.gz'), Buffer.concat(wet));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const docs = spread(loadCorpus(), 72);
  writeJsonFixtures(docs);
  writeMalformed(docs);
  await writeWarcFixtures(docs);
  console.log(`wrote fixtures to ${OUT}/`);
}

await main();
