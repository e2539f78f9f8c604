import { UsageError } from '../errors.js';
import { summariseLeftOut, type ScopeLeftOut } from '../report/scope-left-out.js';
import { createScopeGuard, type ScopeSettings } from '../scope/index.js';

/**
 * The labeled documents filter would score under `scope` (its scope guard, as `filter` applies it),
 * and a summary of those it left out; for `tune` and `eval --scope`, whose figures must be those of
 * the documents filter routes.
 * @throws {UsageError} when the documents in scope are not of both classes: `command`'s rates
 *   need both, and a scope that leaves a class out is most often the wrong scope.
 */
export async function labeledInScope<D extends { text: string; label: 'human' | 'synthetic' }>(
  command: string,
  all: readonly D[],
  scope: ScopeSettings,
): Promise<{ docs: D[]; unscored: ScopeLeftOut }> {
  const guard = await createScopeGuard(scope);
  const decisions = all.map((d) => guard.check(d.text));
  const unscored = summariseLeftOut(scope, all, decisions);
  const docs = all.filter((_, i) => decisions[i]!.inScope);
  const synthetic = docs.filter((d) => d.label === 'synthetic').length;
  if (synthetic === 0 || synthetic === docs.length) {
    const left = unscored.documents > 0 ? ` (${unscored.documents} of the ${all.length} left out as filter would leave them unscored: see --languages and --min-words)` : '';
    throw new UsageError(`${command} needs labeled documents of both classes: got ${synthetic} synthetic and ${docs.length - synthetic} human${left}`);
  }
  return { docs, unscored };
}
