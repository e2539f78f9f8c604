/**
 * The scope guard: decides, before scoring, whether the model can judge a document at all (its
 * language and its length). Out-of-scope documents are not scored; see docs/scope.md.
 */
export { checkScope, countFeatureWords, openingChars, type InScope, type OutOfScope, type OutOfScopeReason, type ScopeDecision, type ScopeFacts } from './check-scope.js';
export { createScopeGuard, type ScopeGuard } from './scope-guard.js';
export { loadLanguageIdentifier, type LanguageGuess, type LanguageIdentifier } from './language-identifier.js';
export { IDENTIFIABLE_LANGUAGES, isIdentifiableLanguage, codeForLabel, UNDETERMINED } from './languages.js';
export { parseScopeOptions, ScopeOptionsSchema, ScopeSettingsSchema, SCOPE_DEFAULTS, type ScopeOptions, type ScopeOptionsInput, type ScopeSettings } from './options.js';
export { ScopeError, type ScopeErrorCode } from './errors.js';
