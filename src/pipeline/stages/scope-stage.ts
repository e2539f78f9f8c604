import { z } from 'zod';
import { createScopeGuard, type ScopeGuard } from '../../scope/index.js';
import type { StageDefinition, StageSummary } from '../stage.js';

const count = z.number().int().nonnegative();

/** The documents the scope guard kept out, by reason and by identified language. */
const UnscoredSchema = z.object({
  byReason: z.record(z.string(), count),
  byLanguage: z.record(z.string(), count),
});
type Unscored = z.infer<typeof UnscoredSchema>;

const sum = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out = { ...a };
  for (const [key, n] of Object.entries(b)) out[key] = (out[key] ?? 0) + n;
  return Object.fromEntries(Object.entries(out).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
};

const unscoredSummary: StageSummary<Unscored, Unscored> = {
  schema: UnscoredSchema,
  merge: (a, b) => ({ byReason: sum(a.byReason, b.byReason), byLanguage: sum(a.byLanguage, b.byLanguage) }),
  manifestKey: 'unscored',
  toManifest: (s) => s,
  manifestSchema: UnscoredSchema,
};

/**
 * The scope guard (src/scope/): a document in a language the model does not judge, or shorter than
 * `minWords`, is not scored; it goes to `unscored/` with `metadata.crawlsift.scope = { reason,
 * language, confidence, words }` (reason `language` or `too-short`). The language identifier loads
 * once per thread, on the first batch. Off when the run's `scope` is null.
 */
export const scopeStage: StageDefinition = {
  name: 'scope',
  create({ settings }) {
    let guard: Promise<ScopeGuard> | undefined;
    return {
      async process(docs) {
        if (!settings.scope || docs.length === 0) return docs.map(() => ({ action: 'keep' }));
        guard ??= createScopeGuard(settings.scope);
        const { check } = await guard;
        return docs.map(({ document }) => {
          const decision = check(document.text);
          if (decision.inScope) return { action: 'keep' };
          const { reason, language, confidence, words } = decision;
          return { action: 'route', shard: 'unscored', reason, metadata: { scope: { reason, language, confidence: Math.round(confidence * 1e4) / 1e4, words } } };
        });
      },
      summarise(exits) {
        const summary: Unscored = { byReason: {}, byLanguage: {} };
        for (const exit of exits) {
          if (exit.shard !== 'unscored') continue;
          const { language } = exit.metadata.scope as { language: string };
          summary.byReason[exit.reason] = (summary.byReason[exit.reason] ?? 0) + 1;
          summary.byLanguage[language] = (summary.byLanguage[language] ?? 0) + 1;
        }
        return summary;
      },
    };
  },
  summary: unscoredSummary,
};
