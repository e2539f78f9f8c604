/**
 * The shards a run writes, in the order the manifest lists them: the three routes of a scored
 * document; `unscored` (documents the model cannot judge: another language, too short); then
 * `rejected` (records that could not be read, or that a stage rejected).
 */
export const SHARDS = ['human', 'synthetic', 'uncertain', 'unscored', 'rejected'] as const;
export type ShardName = (typeof SHARDS)[number];
