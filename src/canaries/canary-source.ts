import { mulberry32 } from '../evaluation/attacks/rng.js';
import type { CrawlDocument } from '../documents/types.js';
import { CANARY_FIELD, CANARY_ID_PREFIX } from './canary-marker.js';
import type { LabeledDoc } from './labeled-docs.js';

/** Options of a {@link CanarySource}. */
export interface CanarySourceOptions {
  /** Canaries per crawl document (0 < rate; 0.01 is one canary per 100 crawl documents). */
  rate: number;
  /** Seed of the order canaries are drawn in. @defaultValue 1 */
  seed?: number;
  /** File name recorded as the canaries' source. @defaultValue 'canaries' */
  file?: string;
}

/**
 * Decides, deterministically, when to insert a canary into a document stream and which one.
 *
 * After each crawl document the source owes `rate` more canaries and releases whole ones, so a
 * stream of N crawl documents receives floor(N·rate) canaries, evenly spread. Canaries are taken
 * in a seeded shuffled order (so a file sorted by label still mixes both), cycling through the
 * file again when it runs out; a canary drawn twice is scored twice and counted twice.
 */
export class CanarySource {
  readonly rate: number;
  private readonly order: number[];
  private readonly file: string;
  private owed = 0;
  private drawn = 0;

  constructor(
    private readonly docs: readonly LabeledDoc[],
    options: CanarySourceOptions,
  ) {
    if (docs.length === 0) throw new RangeError('a canary source needs at least one labeled document');
    if (!(options.rate > 0 && Number.isFinite(options.rate))) throw new RangeError(`canary rate is ${options.rate}: expected a number > 0`);
    this.rate = options.rate;
    this.file = options.file ?? 'canaries';
    this.order = shuffledIndices(docs.length, options.seed ?? 1);
  }

  /** Canaries to insert after one more crawl document (usually none, sometimes one). */
  afterCrawlDocument(): CrawlDocument[] {
    this.owed += this.rate;
    const out: CrawlDocument[] = [];
    // A small epsilon so rate 0.1 gives exactly one canary per 10 documents despite rounding.
    while (this.owed >= 1 - 1e-9) {
      this.owed -= 1;
      out.push(this.next());
    }
    return out;
  }

  /** Canaries inserted so far. */
  get count(): number {
    return this.drawn;
  }

  /** Distinct labeled documents available. */
  get distinct(): number {
    return this.docs.length;
  }

  /**
   * A warning when some canary was drawn more than once: repeated canaries are not new evidence,
   * so the Wilson intervals computed as if they were independent come out too narrow.
   */
  reuseWarning(): string | undefined {
    if (this.drawn <= this.docs.length) return undefined;
    return (
      `${this.drawn} canaries were drawn from ${this.docs.length} labeled documents, so some were reused: ` +
      'the canary intervals are narrower than the evidence supports; use a larger canary file or a lower --canary-rate'
    );
  }

  private next(): CrawlDocument {
    const index = this.order[this.drawn % this.order.length]!;
    const doc = this.docs[index]!;
    const serial = this.drawn++;
    const id = `${CANARY_ID_PREFIX}${serial}`;
    return {
      id,
      text: doc.text,
      record: { id, text: doc.text, [CANARY_FIELD]: doc.label, ...(doc.source ? { source: doc.source } : {}) },
      source: { file: this.file, line: index + 1 },
    };
  }
}

function shuffledIndices(n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
