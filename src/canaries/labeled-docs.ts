import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CrawlsiftError } from '../errors.js';

// The classifier's labeled-JSONL loader had not landed when this was written; this one reads
// the same format (text, label, optional source and generator) for canaries, tune and reports.

/** One line of a labeled JSONL file. */
export const LabeledDocSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string().min(1),
  label: z.enum(['human', 'synthetic']),
  source: z.string().nullish(),
  generator: z.string().nullish(),
});

export type LabeledDoc = z.infer<typeof LabeledDocSchema>;
export type Label = LabeledDoc['label'];

/** Parses labeled JSONL text; `file` names the input in errors (`file:line: ...`). */
export function parseLabeledJsonl(text: string, file: string): LabeledDoc[] {
  const docs: LabeledDoc[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new CrawlsiftError('labeled-invalid', `${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = LabeledDocSchema.safeParse(json);
    if (!parsed.success) {
      throw new CrawlsiftError(
        'labeled-invalid',
        `${file}:${i + 1}: expected {"text": non-empty string, "label": "human" | "synthetic", "source"?: string}, got ${line.slice(0, 120)}`,
      );
    }
    docs.push(parsed.data);
  }
  return docs;
}

/** Reads one or more labeled JSONL files, in order. */
export async function readLabeledDocs(paths: readonly string[]): Promise<LabeledDoc[]> {
  const all: LabeledDoc[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CrawlsiftError('labeled-unreadable', `cannot read labeled file ${path}: ${(error as Error).message}`, { cause: error });
    }
    all.push(...parseLabeledJsonl(text, path));
  }
  return all;
}
