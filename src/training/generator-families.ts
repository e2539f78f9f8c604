/**
 * Generator families: the models of one lineage, which share training data and habits, so that a
 * detector tested on a family it never trained on (leave-one-generator-family-out) meets text
 * unlike anything it has seen. Families follow the lineage, not the size or the version: every
 * Llama, every OpenAI GPT from GPT-2 on, Claude 3 with Claude Instant. Google's Gemini goes with
 * PaLM 2, its predecessor in the same product line, so that the held-out Gemini model has seen
 * no Google chat model at all.
 *
 * Generators of the shared corpus that belong to no family here (GPT-J, GPT-Neo, GPT-NeoX, OPT,
 * the Falcon and Dolly models of extra/) are never held out; they stay in every training set.
 */
export const GENERATOR_FAMILIES = {
  gpt: /^(gpt2|gpt-2|davinci|gpt-3\.5|gpt-4)/i,
  llama: /^(meta-)?llama/i,
  claude: /^claude/i,
  gemini: /^(gemini|palm)/i,
  mistral: /^(mistral|mixtral)/i,
  qwen: /^qwen/i,
  deepseek: /^deepseek/i,
} as const;
export type GeneratorFamily = keyof typeof GENERATOR_FAMILIES;
export const GENERATOR_FAMILY_NAMES = Object.keys(GENERATOR_FAMILIES) as GeneratorFamily[];

/** The family of a generator name, or undefined when it belongs to none (or there is no generator). */
export function familyOf(generator: string | null | undefined): GeneratorFamily | undefined {
  if (!generator) return undefined;
  return GENERATOR_FAMILY_NAMES.find((f) => GENERATOR_FAMILIES[f].test(generator));
}
