import { checkScope, type ScopeDecision } from './check-scope.js';
import { loadLanguageIdentifier } from './language-identifier.js';
import { parseScopeOptions, type ScopeOptions, type ScopeOptionsInput } from './options.js';

/** The scope check of one thread, with its options validated and its model loaded. */
export interface ScopeGuard {
  readonly options: ScopeOptions;
  /** The identifier's library and model, for provenance. */
  readonly identifier: string;
  /** {@link checkScope} with this guard's options. */
  check(text: string): ScopeDecision;
}

/**
 * Validates `options` (see `ScopeOptionsSchema`) and loads this thread's language identifier
 * (once per thread; later guards reuse it). Call it once per worker thread, then `check` each
 * document.
 * @throws {ScopeError} `scope-options-invalid` or `scope-model-unavailable`.
 */
export async function createScopeGuard(options: ScopeOptionsInput): Promise<ScopeGuard> {
  const parsed = parseScopeOptions(options);
  const identifier = await loadLanguageIdentifier();
  return {
    options: parsed,
    identifier: identifier.name,
    check: (text) => checkScope(text, parsed, identifier),
  };
}
