import { readLabeledFile } from './labeled-data.js';
import type { ModelCard } from './card.js';
import type { LabeledInput } from './train.js';

/** A model's training or dev data, found again from its card. */
export interface BaseData {
  /** The inputs, each reading exactly what the card records (same file bytes, same selection). */
  inputs: LabeledInput[];
  /** The card's inputs that could not be found again, each with why. */
  missing: string[];
}

/**
 * Finds the data a model was trained (or chosen) on again from its card: each input the card
 * lists for `role` is matched by its file's sha256 and its selection. A whole file is read from the
 * path the card records; a part of a file (a selection such as `FNV-1a(id) % 100 >= 30`) only from
 * `known` inputs that make the same selection (the default recipe's, for the shipped model),
 * since a selection's words cannot be run. What cannot be found again is listed in `missing`.
 */
export async function findBaseData(card: ModelCard, role: 'train' | 'dev', known: readonly LabeledInput[] = []): Promise<BaseData> {
  const inputs: LabeledInput[] = [];
  const missing: string[] = [];
  const sha256Of = async (path: string) => (await readLabeledFile(path).catch(() => undefined))?.sha256;
  for (const entry of card.training.files.filter((f) => f.role === role)) {
    const { path, selection } = splitDescription(entry.path);
    const whole = selection === undefined || selection === 'all';
    let found: LabeledInput | undefined;
    for (const input of known) {
      const sameSelection = (input.selection ?? 'all') === (selection ?? 'all');
      if (sameSelection && (await sha256Of(input.path)) === entry.sha256) {
        found = input;
        break;
      }
    }
    if (!found && whole && (await sha256Of(path)) === entry.sha256) found = { path };
    if (found) inputs.push(found);
    else missing.push(whole ? `${path} (missing, or not the file the model was trained on: sha256 ${entry.sha256.slice(0, 12)})` : `${entry.path} (part of a file, and no known input selects it)`);
  }
  return { inputs, missing };
}

/** `path (selection)` as a card names an input (see trainDetector) back into its two parts. */
export function splitDescription(description: string): { path: string; selection?: string } {
  const match = /^(.*?) \((.*)\)$/.exec(description);
  return match ? { path: match[1]!, selection: match[2]! } : { path: description };
}
