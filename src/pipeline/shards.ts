/**
 * The shards a run writes, in the order the manifest lists them: the three routes of a scored
 * document, then `rejected` (records that could not be read, or that a stage rejected).
 */
export const SHARDS = ['human', 'synthetic', 'uncertain', 'rejected'] as const;
export type ShardName = (typeof SHARDS)[number];
