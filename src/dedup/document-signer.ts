import xxhash from 'xxhash-wasm';
import { normalise } from '../features/normalise.js';
import { signatureLength, type DedupSettings } from './dedup-settings.js';
import { bottomK, MinHasher } from './minhash.js';
import { normalisedShingleHashes } from './shingles.js';

/** What deduplication knows of one document. */
export interface DocumentKeys {
  /** XXH64 of the normalised text (see `normalise`), as its high and low 32 bits: equal for exact duplicates. */
  exact: readonly [number, number];
  /** The MinHash signature of the document's shingles, for LSH candidates (`near` only; absent for a text without a word). */
  signature?: Uint16Array;
  /** A bottom-k sample of the shingle hashes ({@link SAMPLE_SIZE} at most), for verifying candidates (with `signature`). */
  sample?: Uint32Array;
}

/**
 * Shingle hashes kept per document to verify candidates (see `bottomK`): the similarity of two
 * documents of up to 128 shingles each (about 130 words) is then exact, and within about 0.03
 * (one standard error at 0.75) for longer ones.
 */
export const SAMPLE_SIZE = 256;

let xxhashApi: ReturnType<typeof xxhash> | undefined;

/**
 * Computes documents' dedup keys for a run's settings, in the thread that processes the batch.
 * `exact`: the XXH64 (xxhash-wasm) of the text as `normalise` leaves it (invisible characters
 * removed, NFKC, homoglyphs folded, whitespace collapsed: the same text up to those); `near` adds
 * the MinHash signature of the text's `shingleWords`-word shingles (see `wordHashes`, `MinHasher`)
 * and a bottom-k sample of them (see `bottomK`).
 */
export class DocumentSigner {
  private constructor(
    private readonly settings: DedupSettings,
    private readonly h64: (input: string, seed?: bigint) => bigint,
    private readonly minHasher: MinHasher | undefined,
  ) {}

  static async create(settings: DedupSettings): Promise<DocumentSigner> {
    const api = await (xxhashApi ??= xxhash());
    return new DocumentSigner(settings, api.h64, settings.mode === 'near' ? new MinHasher(signatureLength(settings)) : undefined);
  }

  keys(text: string): DocumentKeys {
    const normal = normalise(text);
    const hash = this.h64(normal);
    const exact = [Number(hash >> 32n), Number(hash & 0xffffffffn)] as const;
    if (!this.minHasher) return { exact };
    const shingles = normalisedShingleHashes(normal, this.settings.shingleWords);
    return shingles.length === 0 ? { exact } : { exact, signature: this.minHasher.signature(shingles), sample: bottomK(shingles, SAMPLE_SIZE) };
  }
}
