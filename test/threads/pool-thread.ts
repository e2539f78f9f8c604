// A pool thread for the WorkerPool tests: echoes, fails a request, or dies.
import { servePool } from '../../src/threads/serve-pool.js';
import { CrawlsiftError } from '../../src/errors.js';

servePool<{ op: 'echo' | 'fail' | 'die'; value?: string }, string>({
  async handle({ op, value }) {
    if (op === 'die') process.exit(3);
    if (op === 'fail') throw new CrawlsiftError('bad-request', `cannot do ${value}`);
    return { response: `echo ${value}` };
  },
});
