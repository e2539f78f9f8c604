/**
 * Training-time library: the default model's data recipe. Used by scripts/ (train:default),
 * bench/ (the held-out models) and `train --base` (to find the shipped model's training data);
 * nothing here runs when crawlsift scores documents.
 */
export * from './recipe.js';
