export * from './labeled-docs.js';
export * from './canary-marker.js';
export * from './canary-source.js';
export * from './canary-tally.js';
export * from './mix-canaries.js';
export * from './run-estimates.js';
