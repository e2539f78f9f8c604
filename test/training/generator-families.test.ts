import { describe, expect, it } from 'vitest';
import { familyOf, GENERATOR_FAMILY_NAMES } from '../../src/training/index.js';

describe('generator families', () => {
  it('groups the shared corpus generators by lineage', () => {
    const cases: Record<string, string | undefined> = {
      'gpt-4o': 'gpt',
      'gpt-4': 'gpt',
      'gpt-3.5-turbo': 'gpt',
      'davinci (GPT-3 base)': 'gpt',
      'gpt2-xl': 'gpt',
      'llama-3-70b-instruct': 'llama',
      'llama-3-8b-instruct': 'llama',
      'llama-2-70b-chat': 'llama',
      'claude-3-opus-20240229': 'claude',
      'claude-instant-1.2': 'claude',
      'gemini-1.5-pro': 'gemini',
      'palm-2-text-bison-002': 'gemini',
      'mistral-7b-instruct-v0.3': 'mistral',
      'qwen2-7b-instruct': 'qwen',
      'deepseek-llm-7b-chat': 'deepseek',
      // EleutherAI's and Meta's OPT are no family here: never held out
      'gpt-j-6B': undefined,
      'gpt-neo-2.7B': undefined,
      'gpt-neox-20b': undefined,
      'opt-2.7b': undefined,
    };
    for (const [generator, family] of Object.entries(cases)) expect(familyOf(generator), generator).toBe(family);
    expect(familyOf(undefined)).toBeUndefined();
    expect(familyOf(null)).toBeUndefined();
    expect(GENERATOR_FAMILY_NAMES).toEqual(['gpt', 'llama', 'claude', 'gemini', 'mistral', 'qwen', 'deepseek']);
  });
});
