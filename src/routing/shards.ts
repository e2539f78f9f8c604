/**
 * The shards a run writes, in the order the manifest lists them: the three routes of a scored
 * document; `unscored` (documents the model cannot judge: another language, too short); `duplicate`
 * (near-copies of a document kept earlier in the input, with `--dedup`); then `rejected` (records
 * that could not be read, or that a stage rejected).
 * Here, beside the routes, rather than in src/pipeline: src/dedup's signature files record a
 * document's shard, and src/dedup sits below the pipeline, which imports it.
 */
export const SHARDS = ['human', 'synthetic', 'uncertain', 'unscored', 'duplicate', 'rejected'] as const;
export type ShardName = (typeof SHARDS)[number];

/** Shards added after runs were first recorded: absent from older manifests and batch records, which read as empty. */
export const LATER_SHARDS: ReadonlySet<ShardName> = new Set(['duplicate']);
