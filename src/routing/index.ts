export * from './route.js';
export * from './thresholds.js';
export * from './model-ref.js';
export * from './resolve-thresholds.js';
export * from './shards.js';
