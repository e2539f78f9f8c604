// Runs one fuzz case: writes the bytes, reads them in the sandbox under the case deadline, checks
// what every reader must do (check-items.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_READER_OPTIONS, checkText, type ReadItem } from '../../src/documents/index.js';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from '../../src/documents/nesting-depth.js';
import { ReaderSandbox } from '../helpers/reader-sandbox/sandbox.js';
import { checkReply, type Framing } from './check-items.js';
import fc from 'fast-check';
import { afterAll, it } from 'vitest';
import { CASE_DEADLINE_MS, fuzzParameters, PROPERTY_TIMEOUT_MS } from './config.js';

const SUFFIX: Record<Framing, string> = { jsonl: 'jsonl', json: 'json', warc: 'warc' };

export class FuzzHarness {
  readonly sandbox = new ReaderSandbox();
  private readonly dir = mkdtempSync(join(tmpdir(), 'crawlsift-fuzz-'));
  private cases = 0;
  /** How many cases ran, and how many items of each kind and reason they yielded (for the long-run report). */
  readonly tally = new Map<string, number>();

  /** Reads `bytes` as a file of `framing`; returns its items when the reader finished without error. */
  async read(bytes: Buffer, framing: Framing, compressed: boolean): Promise<ReadItem[] | undefined> {
    const path = join(this.dir, `case-${this.cases++}.${SUFFIX[framing]}`);
    writeFileSync(path, bytes);
    const reply = await this.sandbox.run({ kind: 'read', inputs: [path] }, CASE_DEADLINE_MS);
    const items = checkReply(reply, { path, bytes, framing, compressed });
    this.count('cases');
    for (const item of items ?? []) this.count(item.kind === 'document' ? 'document' : item.rejected.reason);
    return items;
  }

  count(key: string, n = 1): void {
    this.tally.set(key, (this.tally.get(key) ?? 0) + n);
  }

  /** Prints the tally when a long run asked for cases (CRAWLSIFT_FUZZ_RUNS). */
  report(name: string): void {
    if (process.env.CRAWLSIFT_FUZZ_RUNS) process.stdout.write(`fuzz ${name}: ${JSON.stringify(Object.fromEntries(this.tally))}\n`);
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }
}

/** A harness for this test file, reported (on a long run) and closed after its tests. */
export function fileHarness(name: string): FuzzHarness {
  const harness = new FuzzHarness();
  afterAll(async () => {
    harness.report(name);
    await harness.close();
  });
  return harness;
}

/** A vitest test that checks `property` with the fuzz seed and number of runs. */
export function propertyTest<T>(title: string, property: fc.IAsyncProperty<T>): void {
  it(title, () => fc.assert(property, fuzzParameters()), PROPERTY_TIMEOUT_MS);
}

/** What the items say, per item: `document`, or the rejection's reason, with the item's location. */
export function outcomes(items: ReadItem[], location: 'line' | 'index' | 'offset'): Array<[number | undefined, string]> {
  return items.map((item) => (item.kind === 'document' ? [item.document.source[location], 'document'] : [item.rejected[location], item.rejected.reason]));
}

/** What one JSON record's text should yield (a JSONL line, a JSON array element), as the readers' contract says. */
export function expectedOutcome(json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'malformed-json';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not-an-object';
  if (nestsDeeperThan(value, MAX_NESTING_DEPTH)) return 'too-deep';
  const text = (value as Record<string, unknown>).text;
  if (text === undefined || text === null) return 'missing-text';
  if (typeof text !== 'string') return 'non-string-text';
  return checkText(text, DEFAULT_READER_OPTIONS.maxDocBytes)?.reason ?? 'document';
}
