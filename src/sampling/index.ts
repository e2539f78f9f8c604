/** Drawing documents of a finished run for people to label: strategies, bounded memory, seeded. */
export * from './bounded-heap.js';
export * from './sample-keys.js';
export * from './strategies.js';
export * from './sample-run.js';
