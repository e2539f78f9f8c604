/**
 * Training-time library: the default model's data recipe, the generator families the benchmark
 * holds out, and the builders of the shipped reference LMs. Used by scripts/ and bench/; nothing
 * here runs when crawlsift scores documents.
 */
export * from './generator-families.js';
export * from './domains.js';
export * from './recipe.js';
export * from './human-corpora.js';
export * from './reference-lm-build.js';
