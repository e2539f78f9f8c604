// Worker process entry for deployments that run a file rather than the CLI:
//   CRAWLSIFT_REDIS_URL=redis://queue:6379 CRAWLSIFT_CONCURRENCY=2 node dist/workers/batch-worker.js
// Same as `crawlsift work`: a BullMQ Worker for crawlsift batch jobs, closed gracefully on SIGTERM/SIGINT.
import { defaultRedisUrl, DEFAULT_QUEUE_NAME, runWorkerProcess } from '../src/executors/queue/index.js';

const concurrency = Number(process.env.CRAWLSIFT_CONCURRENCY ?? '1');
if (!Number.isInteger(concurrency) || concurrency < 1) {
  process.stderr.write(`crawlsift worker: CRAWLSIFT_CONCURRENCY must be an integer >= 1, got ${JSON.stringify(process.env.CRAWLSIFT_CONCURRENCY)}\n`);
  process.exit(2);
}

runWorkerProcess({ redisUrl: defaultRedisUrl(), queueName: process.env.CRAWLSIFT_QUEUE ?? DEFAULT_QUEUE_NAME, concurrency }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`crawlsift worker: ${error.message}\n`);
    process.exitCode = 2;
  },
);
