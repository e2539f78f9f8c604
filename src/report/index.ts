export * from './eval-report.js';
export * from './run-report.js';
export * from './read-run.js';
export * from './labeled-section.js';
export * from './histogram.js';
export * from './tune-report.js';
export * from './page.js';
export * from './canary-summary.js';
