import type { LabeledInput } from '../classifier/index.js';
import { dataDir } from '../data-dir.js';
import { defaultData } from '../training/index.js';

/**
 * The default recipe's training and dev inputs over the shared labeled corpus, when it is here
 * ($CRAWLSIFT_DATA or ../shared/data): what `train --base` matches the shipped model's card
 * against to find its training data (a card names a part of a file in words only). None without
 * the corpus.
 */
export function recipeInputs(): LabeledInput[] {
  let dir: string;
  try {
    dir = dataDir();
  } catch {
    return [];
  }
  const recipe = defaultData(dir);
  return [...recipe.train(), ...recipe.dev()];
}
