import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';
import { VISIBLE_CHARACTER } from '../features/normalise.js';
import { ClassifierError } from './errors.js';

/**
 * What a labeled document is for, when its file says (`crawlsift sample --holdout` writes it):
 * `train` documents are trained on and never measured on; `holdout` ones are measured on (dev, tune,
 * eval, canaries, report) and never trained on. Without it a document serves both, as before.
 */
export const LABELED_SPLITS = ['train', 'holdout'] as const;
export type LabeledSplit = (typeof LABELED_SPLITS)[number];
/** What a reader wants a labeled file's documents for: see {@link LabeledSplit}. */
export type LabeledUse = 'train' | 'measure';

/**
 * One line of a labeled JSONL file. Extra fields (id, metadata...) are allowed and kept out. The
 * text must hold a visible character, the rule a crawl document meets to be scored at all (else it
 * is rejected as `empty-text`): an empty labeled text would be trained on, scored or counted as a
 * canary while measuring nothing real. Every labeled reader (train, eval, tune, --canaries,
 * report --labeled) goes through {@link readLabeledFile}, so the rule is the same everywhere.
 */
export const LabeledDocumentSchema = z.object({
  text: z.string().refine((text) => VISIBLE_CHARACTER.test(text), { message: 'empty or only whitespace and invisible characters' }),
  label: z.enum(['human', 'synthetic']),
  source: z.string().nullish(),
  generator: z.string().nullish(),
  /** What the generator did (modern2024: generation, polish, rewrite, expand; `human` for human text). */
  task: z.string().nullish(),
  id: z.union([z.string(), z.number()]).nullish(),
  split: z.enum(LABELED_SPLITS).nullish(),
});
export type LabeledDocument = z.infer<typeof LabeledDocumentSchema>;

/**
 * A line whose `label` is null is not labeled yet (a `crawlsift sample` record before or skipped
 * during `crawlsift label`): readers pass over it and count it. A missing `label` field is still an
 * error: it is a typo more often than a choice.
 */
const UnlabeledSchema = z.object({ label: z.null() });

const gunzipBytes = promisify(gunzip);
const EXPECTED = '{"text": string, "label": "human" | "synthetic" | null, "source"?, "generator"?, "split"?: "train" | "holdout"}';

/** A labeled file as read: its documents and the sha256 (hex) of its JSONL bytes (after gunzip), for the card. */
export interface LabeledFile {
  path: string;
  sha256: string;
  /** The labeled documents, in file order, those of the other use left out when a use was asked for. */
  documents: LabeledDocument[];
  /** Lines with `label: null`, passed over. */
  unlabeled: number;
  /** Labeled documents left out because their `split` is for the other use. */
  otherUse: number;
}

/** True when a document of `split` serves `use` (no split: every use). */
export function servesUse(split: LabeledSplit | null | undefined, use: LabeledUse): boolean {
  if (split === undefined || split === null) return true;
  return use === 'train' ? split === 'train' : split === 'holdout';
}

/**
 * Read a labeled JSONL file, gzip-compressed or not (told by its first bytes, not its name). A
 * line that is not JSON or fails the schema is an error naming the file and the 1-based line:
 * training on silently skipped data would be worse. Lines with `label: null` are passed over and
 * counted; with `use`, so are documents whose `split` is for the other use (see {@link LabeledSplit}).
 */
export async function readLabeledFile(path: string, use?: LabeledUse): Promise<LabeledFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new ClassifierError('labeled-data-invalid', `cannot read labeled data ${path}: ${(cause as Error).message}`, { cause });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzipBytes(bytes);
    } catch (cause) {
      throw new ClassifierError('labeled-data-invalid', `cannot read labeled data ${path}: not a whole gzip file (${(cause as Error).message})`, { cause });
    }
  }
  const documents: LabeledDocument[] = [];
  let unlabeled = 0;
  let otherUse = 0;
  const lines = bytes.toString('utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ClassifierError('labeled-data-invalid', `${path}:${i + 1}: not valid JSON`);
    }
    if (UnlabeledSchema.safeParse(json).success) {
      unlabeled++;
      continue;
    }
    const parsed = LabeledDocumentSchema.safeParse(json);
    if (!parsed.success) {
      throw new ClassifierError('labeled-data-invalid', `${path}:${i + 1}: ${describeIssue(json, parsed.error.issues[0])} (expected ${EXPECTED})`);
    }
    if (use !== undefined && !servesUse(parsed.data.split, use)) {
      otherUse++;
      continue;
    }
    documents.push(parsed.data);
  }
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), documents, unlabeled, otherUse };
}

/** What is wrong with a labeled line, in words: a missing field is said to be missing, a bad value is shown. */
function describeIssue(json: unknown, issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue || issue.path.length === 0) return `line: ${issue?.message ?? 'invalid'}`;
  const field = issue.path.map(String).join('.');
  const value = (json as Record<string, unknown>)[String(issue.path[0])];
  if (issue.path.length === 1 && value === undefined) return `field "${field}" is missing`;
  const shown = JSON.stringify(value) ?? String(value);
  return `field "${field}": ${issue.message}, got ${shown.length > 40 ? `${shown.slice(0, 40)}...` : shown}`;
}

/** Documents per label, per source and per generator (missing source/generator count as "unknown"). */
export interface LabelCounts {
  human: number;
  synthetic: number;
  bySource: Record<string, number>;
  byGenerator: Record<string, number>;
}

export function countLabels(documents: readonly LabeledDocument[]): LabelCounts {
  const counts: LabelCounts = { human: 0, synthetic: 0, bySource: {}, byGenerator: {} };
  for (const d of documents) {
    counts[d.label]++;
    const source = d.source ?? 'unknown';
    counts.bySource[source] = (counts.bySource[source] ?? 0) + 1;
    if (d.label === 'synthetic') {
      const generator = d.generator ?? 'unknown';
      counts.byGenerator[generator] = (counts.byGenerator[generator] ?? 0) + 1;
    }
  }
  return counts;
}
