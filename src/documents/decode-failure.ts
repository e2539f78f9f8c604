import { GzipDataError } from './gunzip-members.js';
import type { RejectReason } from './types.js';
import { ZstdDataError } from './unzstd.js';

/** Why an input's compressed data stopped decoding, as a reader reports it: one rejection. */
export interface DecodeFailure {
  reason: Extract<RejectReason, 'truncated-gzip' | 'corrupt-gzip' | 'truncated-zstd' | 'corrupt-zstd'>;
  message: string;
  /** Compressed byte offset where decoding stopped, when the error knows it. */
  offset?: number;
  /**
   * True when the data broke off after complete gzip members or zstd frames (trailing junk, a cut
   * header of a further one): everything decoded before the failure is whole, so a last line
   * without a newline is a complete record, not one cut by the damage.
   */
  afterCompleteFrames: boolean;
}

/** The failure `error` stands for, or undefined when it is not about compressed data (a read error). */
export function decodeFailure(error: unknown): DecodeFailure | undefined {
  if (error instanceof ZstdDataError) {
    const reason = error.code === 'truncated' ? 'truncated-zstd' : 'corrupt-zstd';
    return { reason, message: error.message, offset: error.offset, afterCompleteFrames: error.afterCompleteFrames };
  }
  if (error instanceof GzipDataError) {
    const reason = error.code === 'Z_BUF_ERROR' ? 'truncated-gzip' : 'corrupt-gzip';
    return { reason, message: error.message, offset: error.offset, afterCompleteFrames: error.afterCompleteMembers };
  }
  // zlib's own errors: `Z_BUF_ERROR` is its "unexpected end of file".
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return { reason: code === 'Z_BUF_ERROR' ? 'truncated-gzip' : 'corrupt-gzip', message: (error as Error).message, afterCompleteFrames: false };
  }
  return undefined;
}
