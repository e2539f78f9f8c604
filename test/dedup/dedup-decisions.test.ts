import { describe, expect, it } from 'vitest';
import { DedupDecisions, type DedupDecision } from '../../src/dedup/dedup-decisions.js';

describe('DedupDecisions', () => {
  it('reads back the decisions added, across chunks, without the documents that stayed alone', () => {
    const decisions = new DedupDecisions();
    const expected = new Map<number, DedupDecision>();
    // 200,000 documents (more than three chunks of 64 Ki): every third one kept, its next a near
    // duplicate of it, the one after kept alone (no decision).
    const open: { entry: number; ordinal: number }[] = [];
    for (let ordinal = 0; ordinal < 200_000; ordinal++) {
      if (ordinal % 3 === 0) open.push({ entry: decisions.addKept(ordinal), ordinal });
      else if (ordinal % 3 === 1) {
        decisions.addDuplicate(ordinal, ordinal - 1, 0.81234, ordinal % 2 === 0);
        expected.set(ordinal, { kind: 'duplicate', of: `doc-${ordinal - 1}`, cluster: ordinal - 1, similarity: 0.8123, exact: ordinal % 2 === 0 });
      } else {
        const alone = decisions.addKept(ordinal);
        decisions.closeCluster(alone, 1, `doc-${ordinal}`);
      }
    }
    for (const { entry, ordinal } of open) {
      decisions.closeCluster(entry, 2, `doc-${ordinal}`);
      expected.set(ordinal, { kind: 'kept', cluster: ordinal, size: 2 });
    }
    decisions.finish();
    const sorted = [...expected].sort(([a], [b]) => a - b);
    expect(decisions.size).toBe(expected.size);
    expect([...decisions]).toEqual(sorted);
    expect([...decisions.keys()]).toEqual(sorted.map(([k]) => k));
    expect(decisions.get(131_071)).toEqual(expected.get(131_071));
    expect(decisions.get(131_072)).toBeUndefined();
    expect([...decisions.range(65_530, 65_540)]).toEqual(sorted.filter(([k]) => k >= 65_530 && k < 65_540));
    expect(() => decisions.addDuplicate(5, 3, 1, true)).toThrow(/input order/);
  });

  it('holds the same bytes for the same decisions, however they were reached', () => {
    const a = new DedupDecisions();
    const b = new DedupDecisions();
    a.closeCluster(a.addKept(0), 2, 'x');
    a.addDuplicate(1, 0, 1, true);
    a.closeCluster(a.addKept(2), 1, 'y');
    b.closeCluster(b.addKept(0), 2, 'x');
    b.addDuplicate(1, 0, 1, true);
    a.finish();
    b.finish();
    expect(a).toEqual(b);
  });
});
