import type { ReadItem } from '../documents/types.js';
import type { CanarySource } from './canary-source.js';

/**
 * Inserts canaries into a stream of read items: after each crawl document, whatever the
 * source owes (rejected records do not count as documents). For `produce --canaries`: the
 * canaries flow through batches like any document, carry their mark (see `canaryLabel`), and
 * whoever routes them must tally them with a `CanaryTally` instead of writing them.
 */
export async function* mixCanaries(items: AsyncIterable<ReadItem>, source: CanarySource): AsyncGenerator<ReadItem> {
  for await (const item of items) {
    yield item;
    if (item.kind !== 'document') continue;
    for (const canary of source.afterCrawlDocument()) yield { kind: 'document', document: canary };
  }
}
