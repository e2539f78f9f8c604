import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CrawlsiftError } from '../errors.js';

/**
 * One line of a file to label (what `crawlsift sample` writes): a text, and a label that is null
 * until someone decides. `unsure: true` marks a document seen and skipped. Every other field is
 * kept as it was.
 */
export const LabelingRecordSchema = z
  .object({
    text: z.string(),
    label: z.enum(['human', 'synthetic']).nullable(),
    unsure: z.boolean().optional(),
    source: z.string().nullish(),
    id: z.union([z.string(), z.number()]).nullish(),
  })
  .loose();
export type LabelingRecord = z.infer<typeof LabelingRecordSchema>;

/** A decision on one document. */
export type Decision = 'human' | 'synthetic' | 'unsure';

/** The decision a record holds, if any. Pure. */
export function decisionOf(record: LabelingRecord): Decision | undefined {
  if (record.label !== null) return record.label;
  return record.unsure ? 'unsure' : undefined;
}

/** `record` with `decision` recorded (or cleared, for undefined): `label`, and `unsure` only when true. Pure. */
export function withDecision(record: LabelingRecord, decision: Decision | undefined): LabelingRecord {
  const { unsure: _unsure, ...rest } = record;
  if (decision === 'unsure') return { ...rest, label: null, unsure: true };
  return { ...rest, label: decision ?? null };
}

/** The file's records, one JSON line each; a line that is not one is an error naming the file and line (`sample-file-invalid`). */
export async function readLabelingFile(path: string): Promise<LabelingRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new CrawlsiftError('sample-file-invalid', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  const records: LabelingRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new CrawlsiftError('sample-file-invalid', `${path}:${i + 1}: not valid JSON`);
    }
    const parsed = LabelingRecordSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CrawlsiftError('sample-file-invalid', `${path}:${i + 1}: ${issue.path.join('.') || 'line'}: ${issue.message} (expected {"text": string, "label": "human" | "synthetic" | null, ...}, as crawlsift sample writes)`);
    }
    records.push(parsed.data);
  });
  return records;
}

/** The file's content for `records`: one JSON line each. Pure. */
export function formatLabelingFile(records: readonly object[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** Decisions made so far. Pure. */
export function countDecisions(records: readonly LabelingRecord[]): Record<Decision | 'open', number> {
  const counts = { human: 0, synthetic: 0, unsure: 0, open: 0 };
  for (const r of records) counts[decisionOf(r) ?? 'open']++;
  return counts;
}
