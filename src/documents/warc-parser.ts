import { WARCParser } from 'warcio';

const latin1 = new TextDecoder('latin1');
const EMPTY = new Uint8Array(0);

/**
 * The bytes after a record's block are not the blank line that ends a record: its
 * Content-Length is smaller than its block, so the block read was cut short.
 */
export class RecordOverrunError extends Error {
  constructor() {
    super("the record's block runs past its Content-Length (the Content-Length is too small)");
    this.name = 'RecordOverrunError';
  }
}

/**
 * warcio's parser, strict where warcio is lenient. When the line after a record's block is not
 * blank, warcio's `readToNextRecord` prints "Content-Length Too Small" with `console.warn` and
 * reads on, so the record has already been taken whole with its text cut short. Here the same
 * check throws {@link RecordOverrunError} instead, and {@link endRecord} runs it as soon as a
 * record's block has been read, before its document is let through; what is read past the block
 * is kept for the next `parse()`.
 *
 * The rest follows warcio 2.4 `WARCParser.readToNextRecord` line for line, so offsets and the
 * records read are the same as warcio's. One difference: warcio skips the line's last byte (its
 * newline) when it looks for leftover bytes, so a single stray byte at the end of the file passes;
 * here every byte of the line must be CR or LF.
 */
export class StrictWarcParser extends WARCParser {
  /** The next record's first line when `endRecord` has read past the current record. */
  #ahead: Uint8Array | null | undefined;

  /**
   * Reads the end of the current record (its block must have been read or skipped): throws
   * RecordOverrunError when it is not followed by a blank line. `offset` then points at the next
   * record.
   */
  async endRecord(): Promise<void> {
    if (this.#ahead === undefined) this.#ahead = await this.#readPastRecord();
  }

  override async readToNextRecord(): Promise<Uint8Array | null> {
    const ahead = this.#ahead;
    this.#ahead = undefined;
    return ahead === undefined ? this.#readPastRecord() : ahead;
  }

  async #readPastRecord(): Promise<Uint8Array | null> {
    const reader = this._reader;
    if (!this._record) return EMPTY;
    await this._record.skipFully();
    if (reader.compressed) this._offset = reader.getRawOffset();

    let nextline = await reader.readlineRaw();
    if (nextline) {
      // A version line right after the block: the next record, with no blank lines between.
      if (nextline.byteLength === 10 && latin1.decode(nextline).startsWith('WARC/')) return nextline;
      if (!isBlankLine(nextline)) throw new RecordOverrunError();
    }

    if (reader.compressed) {
      await reader.skipSize(2);
      return EMPTY;
    }
    nextline = await reader.readlineRaw();
    while (nextline && nextline.byteLength === 2) nextline = await reader.readlineRaw();
    this._offset = reader.getRawOffset();
    if (nextline) this._offset -= nextline.length;
    return nextline;
  }
}

/** Only CR and LF bytes, as warcio judges the line after a block. */
function isBlankLine(line: Uint8Array): boolean {
  return line.every((b) => b === 0x0a || b === 0x0d);
}
