// Starts a TypeScript worker module: worker threads do not get vitest's transform, so tsx's loader
// is registered in the thread first.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
